#!/usr/bin/env python3
"""html-check.py FILE... - check that a jf-report HTML page is self-contained
and well nested, with python3's own HTML parser (not a grep).

Checked: a <!DOCTYPE html>, one <html>, <head>, <title>, <body>; every
element closed in order (void elements excepted; SVG elements may close
themselves with "/>"); no <script>, <link>, <iframe>, <object>, <embed>,
<img>, <base>, <form>, <meta http-equiv=refresh>; no event-handler
attribute (on...); no src=, href=, xlink:href=, srcset=, action= or
formaction= naming anything but a same-page "#fragment"; no url( or
@import in CSS (style elements and style= attributes); no "javascript:".
Prints one line per problem, "FILE:LINE:COL: message", and exits 1 if
there was any (0 otherwise, 2 on usage).
"""
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "param", "source", "track", "wbr"}
FORBIDDEN = {"script", "link", "iframe", "frame", "frameset", "object", "embed",
             "img", "base", "form", "audio", "video", "source", "track",
             "applet", "portal", "foreignobject", "image", "use", "feimage"}
URL_ATTRS = {"src", "href", "xlink:href", "srcset", "action", "formaction",
             "poster", "data", "background", "codebase", "cite", "manifest",
             "ping", "longdesc"}
CSS_BAD = re.compile(r"url\s*\(|@import|expression\s*\(|javascript:", re.I)


class Checker(HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.problems = []
        self.stack = []
        self.seen = {}
        self.doctype = False
        self.in_style = False
        self.in_svg = 0

    def problem(self, msg):
        line, col = self.getpos()
        self.problems.append("%s:%d:%d: %s" % (self.name, line, col + 1, msg))

    def handle_decl(self, decl):
        if decl.strip().lower() == "doctype html":
            self.doctype = True
        else:
            self.problem("unexpected declaration <!%s>" % decl)

    def check_attrs(self, tag, attrs):
        for k, v in attrs:
            k = k.lower()
            v = v or ""
            if k.startswith("on"):
                self.problem("event handler attribute %s= on <%s>" % (k, tag))
            if k in URL_ATTRS and not v.startswith("#"):
                self.problem("external reference %s=\"%s\" on <%s>" % (k, v, tag))
            if "javascript:" in v.lower():
                self.problem("javascript: in %s= on <%s>" % (k, tag))
            if k == "style" and CSS_BAD.search(v):
                self.problem("url(), @import or expression() in a style attribute")
            if tag == "meta" and k == "http-equiv":
                self.problem("<meta http-equiv> (refresh or the like)")

    def start(self, tag, attrs, closed):
        tag = tag.lower()
        if not self.in_svg:   # an SVG has its own <title>
            self.seen[tag] = self.seen.get(tag, 0) + 1
        if tag in FORBIDDEN:
            self.problem("forbidden element <%s>" % tag)
        self.check_attrs(tag, attrs)
        if tag == "html" and self.stack:
            self.problem("<html> inside <%s>" % self.stack[-1])
        if tag in ("head", "body") and self.stack != ["html"]:
            self.problem("<%s> not directly inside <html>" % tag)
        if not self.stack and tag != "html":
            self.problem("<%s> outside <html>" % tag)
        if tag in VOID:
            return
        if closed:
            if not self.in_svg and tag != "svg":
                self.problem("self-closing <%s/> outside SVG" % tag)
            return
        self.stack.append(tag)
        if tag == "style":
            self.in_style = True
        if tag == "svg":
            self.in_svg += 1

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self.start(tag, attrs, True)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            self.problem("end tag </%s> of a void element" % tag)
            return
        if not self.stack:
            self.problem("</%s> with nothing open" % tag)
            return
        if self.stack[-1] != tag:
            self.problem("</%s> closes <%s> (open: %s)" % (tag, self.stack[-1],
                                                            " > ".join(self.stack)))
            if tag in self.stack:
                while self.stack and self.stack[-1] != tag:
                    self.stack.pop()
                self.stack.pop()
            return
        self.stack.pop()
        if tag == "style":
            self.in_style = False
        if tag == "svg":
            self.in_svg -= 1

    def handle_data(self, data):
        if self.in_style and CSS_BAD.search(data):
            self.problem("url(), @import or expression() in CSS")
        if not self.stack and data.strip():
            self.problem("text outside <html>: %r" % data.strip()[:40])

    def handle_comment(self, data):
        pass

    def handle_pi(self, data):
        self.problem("processing instruction <?%s>" % data)

    def finish(self):
        self.close()
        if not self.doctype:
            self.problems.append("%s: no <!DOCTYPE html>" % self.name)
        if self.stack:
            self.problems.append("%s: unclosed at the end: %s" %
                                 (self.name, " > ".join(self.stack)))
        for t in ("html", "head", "title", "body"):
            if self.seen.get(t, 0) != 1:
                self.problems.append("%s: %d <%s> elements (want 1)" %
                                     (self.name, self.seen.get(t, 0), t))
        return self.problems


def main(argv):
    if len(argv) < 2:
        print("usage: html-check.py FILE...", file=sys.stderr)
        return 2
    bad = 0
    for name in argv[1:]:
        try:
            with open(name, encoding="utf-8", errors="strict") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError) as e:
            print("%s: %s" % (name, e))
            bad += 1
            continue
        c = Checker(name)
        c.feed(text)
        for p in c.finish():
            print(p)
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
