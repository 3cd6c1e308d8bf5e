# review: and notice: in jf.yaml, review: true on activities (SPEC 4.2):
# read strictly, FILE:LINE:COL, exit 3; a book without them is unchanged.
. "$JF_TOP/tests/cmd/lib.sh"
# fresh REVIEW-YAML [CATALOGUE-SED]: a standard book whose jf.yaml ends with
# the given lines
fresh() {
	cd "$T" && rm -rf b && t_book b && cd b || exit 99
	printf '%s\n' "$1" >>jf.yaml
	[ -z "$2" ] || sed -i "$2" catalogue.yaml
}
REV='review:
  reviewers: [sixuexia, baiyang, shijuhua]
  approvals: 2
  notice_days: 3
notice:
  contact: 下堡村村委会
  phone: 0936-1234567'
fresh "$REV" 's/limit: 1\/week/limit: 1\/week\n    review: true/'
run jf-balance XB-017
t_rc 0 "a review block and review: true read"
run jf-check
t_rc 0 "jf-check: a book with review settings is valid"

fresh 'review: {approvals: 1}'
t_invalid "no reviewers" "jf.yaml:7:9: 'review' has no 'reviewers'"
fresh 'review: {reviewers: []}'
t_invalid "empty reviewers" "jf.yaml:7:21: 'reviewers' must be a list of at least one name"
fresh 'review: {reviewers: baiyang}'
t_invalid "reviewers not a list" "jf.yaml:7:21: 'reviewers' must be a list of at least one name"
fresh 'review: {reviewers: [a, b], approvals: 3}'
t_invalid "approvals beyond the reviewers" "jf.yaml:7:40: approvals 3, but there are only 2 reviewers"
fresh 'review: {reviewers: [a, b], approvals: 0}'
t_invalid "approvals 0" "jf.yaml:7:40: bad approvals '0': number out of range (1 to 64)"
fresh 'review: {reviewers: [a, a]}'
t_invalid "duplicate reviewer" "jf.yaml:7:25: duplicate reviewer 'a'"
fresh 'review: {reviewers: [a], notice_days: -1}'
t_invalid "negative notice_days" "jf.yaml:7:39: bad notice_days '-1': number out of range (0 to 365)"
fresh 'review: {reviewers: [a], notice_days: 3.5}'
t_invalid "notice_days not an integer" "jf.yaml:7:39: bad notice_days '3.5': not a whole number (0 to 365)"
fresh 'review: {reviewers: [a], quorum: 2}'
t_invalid "unknown key in review" "jf.yaml:7:26: unknown key 'quorum' in 'review'"
fresh 'review: yes'
t_invalid "review not a mapping" "jf.yaml:7:9: 'review' must be a mapping"
fresh 'review: {reviewers: [[a]]}'
t_invalid "a nested reviewer" "jf.yaml:7:22: a reviewer must be a single value"
fresh 'notice: {contact: 村委会, fax: 1}'
t_invalid "unknown key in notice" "jf.yaml:7:24: unknown key 'fax' in 'notice'"
fresh '' 's/limit: 1\/week/limit: 1\/week\n    review: true/'
t_invalid "review: true without a review block" "catalogue.yaml:7:13: 'review: true' needs a 'review:' block in jf.yaml"
fresh 'review: {reviewers: [a]}' 's/limit: 1\/week/limit: 1\/week\n    review: yes/'
t_invalid "review: yes" "catalogue.yaml:7:13: 'review' must be true or false, not 'yes'"

# defaults: approvals 1, notice_days 3; the book reads as before
fresh 'review: {reviewers: [a]}
notice: {contact: 村委会}'
run jf-balance XB-017
t_rc 0 "defaults: the book reads"
t_out "a review block adds the pending column, as expiry: adds its own" <<'EOF'
household  head    village  earned  spent  balance  pending
XB-017     司学霞  XB            0      0        0        0
EOF
