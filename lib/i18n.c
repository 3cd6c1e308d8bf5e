/* i18n.c - gettext set-up and the translation funnels. */
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "i18n.h"
#include "table.h"

#ifndef JF_LOCALEDIR
#define JF_LOCALEDIR "/usr/local/share/locale"
#endif
#define DOMAIN "jf"

static bool ready;

/* The locale/ beside the directory of this program (build/bin/../locale:
 * the build tree's), into dir; false if there is none. */
static bool beside_exe(struct jf_buf *dir)
{
	char self[PATH_MAX];
	struct stat st;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return false;
	self[n] = '\0';
	char *slash = strrchr(self, '/');
	if (!slash)
		return false;
	*slash = '\0';
	jf_buf_addf(dir, "%s/../locale", self);
	if (stat(dir->s, &st) == 0 && S_ISDIR(st.st_mode))
		return true;
	jf_buf_reset(dir);
	return false;
}

void jf_i18n_init(void)
{
	struct jf_buf dir = JF_BUF_INIT;
	const char *env = getenv("JF_LOCALEDIR");

	if (ready)
		return;
	ready = true;
	/* LC_MESSAGES picks the catalogue; LC_CTYPE lets libc's own messages
	 * (strerror) come in the terminal's charset rather than as "?".  jf
	 * calls no ctype or wide-character function, and reads and writes its
	 * numbers and dates itself; LC_NUMERIC, LC_TIME and LC_COLLATE stay "C"
	 * so that no later strtod, strftime or strcoll can make a book mean or
	 * print differently on another machine.  A locale that is not there
	 * leaves "C", and English (LC_CTYPE matters less: the catalogue is
	 * bound to UTF-8 below). */
	if (!setlocale(LC_MESSAGES, ""))
		return;
	(void)setlocale(LC_CTYPE, "");
	if (env && *env)
		jf_buf_adds(&dir, env);
	else if (!beside_exe(&dir))
		jf_buf_adds(&dir, JF_LOCALEDIR);
	/* on failure (no memory) gettext returns the English: nothing lost */
	if (bindtextdomain(DOMAIN, dir.s))
		(void)bind_textdomain_codeset(DOMAIN, "UTF-8");
	jf_buf_release(&dir);
}

const char *jf_tr(const char *msgid)
{
	if (!ready || !msgid || !*msgid)
		return msgid;
	return dgettext(DOMAIN, msgid);
}

/* The words of jf-balance's and jf-log's text tables for `lang: zh`: the
 * same as po/zh_CN.po has (tests/cmd/0418-i18n.sh compares the two). */
static const struct { const char *en, *zh; } heads[] = {
	{ "household", "户号" }, { "head", "户主" }, { "village", "村" },
	{ "earned", "获得积分" }, { "spent", "已兑换" }, { "balance", "余额" },
	{ "total", "合计" }, { "date", "日期" }, { "kind", "类型" }, { "what", "内容" },
	{ "qty", "数量" }, { "points", "积分" }, { "id", "编号" }, { "note", "备注" },
	{ "expired", "已清零" }, { "expiring", "即将清零" }, { "pending", "待生效" },
	{ "activity", "项目" }, { "state", "状态" }, { "approvals", "已审核" },
	{ "needed", "需审核" }, { "reviewers", "审核人" }, { "counts_from", "计入日" },
	/* jf-wish list, jf-log --volunteer (SPEC 4.3) */
	{ "text", "心愿" }, { "service", "服务项目" }, { "team", "服务队" },
	{ "team_name", "服务队名称" }, { "volunteer", "志愿者" }, { "volunteer_name", "志愿者姓名" },
	{ "posted", "发布日期" }, { "taken", "认领日期" }, { "ended", "结束日期" },
	{ "age_days", "天数" }, { "flagged", "超期" }, { "hours", "时长" },
	{ "total_hours", "累计时长" }, { "stars", "星级" },
};

const char *jf_tr_head(enum jf_lang lang, const char *msgid)
{
	if (lang == JF_LANG_ZH)
		for (size_t i = 0; i < sizeof heads / sizeof *heads; i++)
			if (!strcmp(heads[i].en, msgid))
				return heads[i].zh;
	return jf_tr(msgid);
}

const char *jf_tr_col(enum jf_lang lang, enum jf_format fmt, const char *msgid)
{
	return fmt == JF_FMT_TEXT ? jf_tr_head(lang, msgid) : msgid;
}

struct jf_table *jf_tr_table(enum jf_lang lang, enum jf_format fmt, const char *const *names,
			     size_t n, unsigned long long right)
{
	struct jf_table *t = jf_table_new(n);
	for (size_t i = 0; i < n; i++)
		jf_table_column(t, i, jf_tr_col(lang, fmt, names[i]),
				i < 64 && (right >> i & 1) ? JF_RIGHT : JF_LEFT);
	return t;
}
