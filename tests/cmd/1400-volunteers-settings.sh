# volunteers.yaml, services: in catalogue.yaml, wish_days: and
# volunteer_stars: in jf.yaml (SPEC 4.3): read strictly, FILE:LINE:COL,
# exit 3, nothing written; a book without them is unchanged.
. "$JF_TOP/tests/cmd/lib.sh"
# fresh VOLUNTEERS-YAML [JF-LINES] [CATALOGUE-LINES]: a standard book with
# this volunteers.yaml (none if empty), lines added to jf.yaml and catalogue.yaml
fresh() {
	cd "$T" && rm -rf b && t_book b && cd b || exit 99
	[ -z "$1" ] || printf '%s\n' "$1" >volunteers.yaml
	[ -z "$2" ] || printf '%s\n' "$2" >>jf.yaml
	[ -z "$3" ] || printf '%s\n' "$3" >>catalogue.yaml
}
VOL='teams:
  - {code: xb-care, name: 下堡村孝老爱亲志愿服务队, village: XB}
  - {code: town, name: 龙渠乡志愿服务队}
volunteers:
  - {id: V001, name: 白洋, team: xb-care, household: XB-017}
  - {id: V002, name: 石菊花, team: town, since: 2026-03-01}'
fresh "$VOL" 'wish_days: 14
volunteer_stars: [100, 300, 600, 1000, 1500]' 'services:
  - {code: haircut, name: 理发}'
run jf-check
t_rc 0 "jf-check: a book with volunteers, services and wish settings is valid"
run jf-balance XB-017
t_rc 0 "jf-balance reads it"
t_out "balances as without volunteers" <<'EOF'
household  head    village  earned  spent  balance
XB-017     司学霞  XB            0      0        0
EOF

# bad volunteers.yaml: jf-check lists the problem with file:line:col, exit 3
fresh 'teams:
  - {code: t, name: T}
volunteers:
  - {id: V1, name: A, team: nobody}'
t_refuse "jf-check: unknown team" 3 jf-check <<'EOF'
jf-check: volunteers.yaml:4:29: unknown team 'nobody'
EOF
t_invalid "unknown team" "volunteers.yaml:4:29: unknown team 'nobody'"
fresh 'teams:
  - {code: t, name: T}
  - {code: t, name: U}'
t_invalid "duplicate team" "volunteers.yaml:3:12: duplicate team 't'"
fresh 'teams:
  - {code: t, name: T, village: ZZ}'
t_invalid "unknown village" "volunteers.yaml:2:33: unknown village 'ZZ'"
fresh 'teams:
  - {code: t, name: T}
volunteers:
  - {id: V1, name: A, team: t, household: XB-999}'
t_invalid "unknown household" "volunteers.yaml:4:43: unknown household 'XB-999'"
fresh 'teams:
  - {code: t, name: T}
volunteers:
  - {id: V1, name: A, team: t}
  - {id: V1, name: B, team: t}'
t_invalid "duplicate volunteer" "volunteers.yaml:5:10: duplicate volunteer 'V1'"
fresh 'teams:
  - {code: t, name: T, since: 2026-05-01, until: 2026-04-01}'
t_invalid "until before since" "volunteers.yaml:2:50: 'until' is before 'since'"
fresh 'teams:
  - {code: t, name: T, leader: 白洋}'
t_invalid "unknown key" "volunteers.yaml:2:24: unknown key 'leader' in a team"
fresh 'volunteers: []'
t_invalid "no teams" "volunteers.yaml:1:1: volunteers.yaml has no 'teams'"
fresh 'teams: [{code: t, name: &n T}]'
t_invalid "an anchor" "volunteers.yaml:1:25: anchors are not allowed"
fresh '' 'wish_days: 0'
t_invalid "wish_days 0" "jf.yaml:7:12: bad wish_days '0': number out of range (1 to 3650)"
fresh '' 'volunteer_stars: [100, 50]'
t_invalid "stars not rising" "jf.yaml:7:24: volunteer_stars must ask more hours for more stars"
fresh '' '' 'services:
  - {code: haircut, name: 理发}
  - {code: haircut, name: 剪发}'
t_invalid "duplicate service" "catalogue.yaml:$(grep -c "" "$T/b/catalogue.yaml"):12: duplicate service 'haircut'"

# hostile: more teams than a book holds
fresh ''
awk 'BEGIN { print "teams:"; for (i = 0; i <= 1000; i++) printf "  - {code: t%d, name: T}\n", i }' >volunteers.yaml
t_invalid "too many teams" "volunteers.yaml:1002:5: more than 1000 teams (the most a township's book holds)"
# a link is not followed
fresh ''
ln -s households.yaml volunteers.yaml
t_invalid "a link" "volunteers.yaml: not a regular file (symbolic links are not followed)"
