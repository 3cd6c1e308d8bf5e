/* gen.c - a deterministic generator of benchmark books.
 *
 * usage: gen N OUTDIR
 *
 * Writes a complete jf book of N ledger entries into OUTDIR (which must not
 * exist or be empty): jf.yaml (龙渠乡, ten villages), catalogue.yaml (27 rules
 * without limits, 20 goods), households.yaml (5,000 households) and
 * ledger/{year}/{village}.yaml from 2022-01-01 to 2026-05-31, plus the same
 * transactions as a ledger-cli/hledger journal in OUTDIR/journal.ledger.
 *
 * Entries come in realistic proportions (about 70% earn, 20% redeem, 4% adjust,
 * 4% restock, 2% void) and are all valid: the generator keeps its own account
 * of balances and stock, so a redemption never exceeds the household's balance,
 * stock never goes negative, every void undoes a distinct earlier non-void
 * entry, and dates never decrease within a file.  Ids are ULID-like: 48 bits of
 * the recording time in milliseconds (strictly increasing over the whole book,
 * so ids are unique) then 80 bits from a fixed-seed xorshift64* generator.
 * The bytes are those the jf writers append.  Only libc is used, nothing
 * depends on the clock, the locale or the environment: the same N gives
 * byte-identical output.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *prog = "gen";

static void die(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* ---- the pseudo-random sequence: xorshift64* with a fixed seed ---- */

static uint64_t rng_state = 0x2545F4914F6CDD1DULL ^ 0x6A66626F6F6B2121ULL;

static uint64_t rnd64(void)
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* A number in [0, n), n > 0. */
static uint32_t rnd(uint32_t n)
{
	return (uint32_t)(((rnd64() >> 32) * (uint64_t)n) >> 32);
}

/* True with probability per_mille / 1000. */
static int chance(uint32_t per_mille)
{
	return rnd(1000) < per_mille;
}

/* ---- calendar (proleptic Gregorian, days since 1970-01-01) ---- */

static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* 0 = Monday ... 6 = Sunday. */
static int weekday(int64_t day)
{
	return (int)(((day % 7) + 7 + 3) % 7);
}

static void fmt_date(int64_t day, char out[11])
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

static int year_of(int64_t day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	return y;
}

/* ---- the book's fixed tables ---- */

struct village {
	const char *code, *name;
	int households;
	const char *clan[3]; /* the village's common surnames */
	const char *by[2];   /* its operators */
};

static const struct village villages[] = {
	{ "XB", "下堡村", 612, { "王", "李", "司" }, { "baiyang", "wangfang" } },
	{ "LQ", "龙渠村", 548, { "龙", "张", "刘" }, { "liuqiang", "zhanghui" } },
	{ "SZ", "上庄村", 430, { "赵", "马", "孙" }, { "zhaoli", "sunmin" } },
	{ "DW", "东湾村", 505, { "陈", "周", "吴" }, { "chenjing", "zhoupeng" } },
	{ "XW", "西湾村", 467, { "杨", "黄", "何" }, { "yangfan", "heyun" } },
	{ "NP", "南坪村", 389, { "郭", "罗", "高" }, { "guoxin", "luoyu" } },
	{ "BP", "北坡村", 556, { "冯", "韩", "曹" }, { "fengtao", "hanxue" } },
	{ "HS", "河沙村", 471, { "唐", "邓", "许" }, { "tangwei", "dengyan" } },
	{ "SQ", "石桥村", 520, { "石", "彭", "董" }, { "shilei", "pengjia" } },
	{ "YJ", "杨家村", 502, { "杨", "田", "袁" }, { "tianhao", "yuanmei" } },
};
#define NVILLAGES ((int)NELEM(villages))
#define NHOUSEHOLDS 5000

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡",
	"朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐",
	"冯", "于", "董", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕",
	"苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜",
	"戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖",
	"邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江",
	"史", "顾", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤", "尹", "黎",
	"易", "常", "武", "乔", "贺", "赖", "龚", "文", "司",
};

static const char *const given[] = {
	"建", "国", "秀", "英", "德", "胜", "桂", "兰", "志", "刚", "强", "玉", "梅",
	"春", "生", "红", "军", "凤", "宝", "山", "长", "海", "淑", "珍", "学", "霞",
	"明", "华", "平", "文", "金", "福", "贵", "荣", "芳", "丽", "小", "云", "伟",
	"勇", "永", "东", "林", "成", "丰", "兴", "庆", "喜", "富", "有", "才", "忠",
	"秋", "月", "杰", "敏", "静", "燕", "萍", "娟", "刚", "涛", "斌", "鹏", "辉",
	"翠", "花", "香", "新", "民", "树", "根", "发", "财", "顺", "满", "全", "泉",
};

enum qtymode { Q_ONE, Q_KG, Q_DAYS, Q_HOURS };

struct activity {
	const char *code, *name, *category;
	int cents;       /* points x 100; negative = deduction */
	int weight;      /* how often it is recorded */
	enum qtymode q;
};

static const struct activity activities[] = {
	{ "clean-yard", "庭院整洁", "环卫整治", 500, 160, Q_ONE },
	{ "clean-street", "门前三包", "环卫整治", 300, 120, Q_ONE },
	{ "sort-waste", "垃圾分类", "环卫整治", 200, 140, Q_ONE },
	{ "clean-ditch", "沟渠清淤", "环卫整治", 800, 20, Q_ONE },
	{ "recycle", "可回收物交投", "环卫整治", 50, 90, Q_KG },
	{ "toilet-care", "改厕维护", "环卫整治", 150, 25, Q_ONE },
	{ "litter", "乱扔垃圾", "环卫整治", -500, 14, Q_ONE },
	{ "pile-road", "柴草乱堆乱放", "环卫整治", -300, 12, Q_ONE },
	{ "spit", "随地吐痰", "环卫整治", -50, 6, Q_ONE },
	{ "simple-wedding", "婚事新办", "移风易俗", 2000, 3, Q_ONE },
	{ "simple-funeral", "丧事简办", "移风易俗", 2000, 3, Q_ONE },
	{ "filial", "孝老爱亲", "移风易俗", 500, 25, Q_ONE },
	{ "mediate", "调解邻里纠纷", "移风易俗", 300, 8, Q_ONE },
	{ "fireworks", "违规燃放烟花爆竹", "移风易俗", -1000, 4, Q_ONE },
	{ "lavish-banquet", "红白事大操大办", "移风易俗", -2000, 2, Q_ONE },
	{ "road-work", "修路义务工", "公益活动", 400, 20, Q_DAYS },
	{ "tree-plant", "植树护绿", "公益活动", 300, 18, Q_ONE },
	{ "donate", "爱心捐赠", "公益活动", 300, 10, Q_ONE },
	{ "blood", "无偿献血", "公益活动", 1000, 2, Q_ONE },
	{ "patrol", "治安巡逻", "志愿服务", 300, 70, Q_ONE },
	{ "elder-care", "敬老助老", "志愿服务", 250, 35, Q_ONE },
	{ "straw-watch", "秸秆禁烧巡查", "志愿服务", 300, 15, Q_ONE },
	{ "flood-duty", "防汛值守", "志愿服务", 100, 12, Q_HOURS },
	{ "lecture", "文明实践讲座", "文明实践", 150, 45, Q_ONE },
	{ "station-duty", "文明实践站值守", "文明实践", 200, 30, Q_ONE },
	{ "good-deed", "好人好事", "文明实践", 500, 8, Q_ONE },
	{ "reading", "农家书屋借阅", "文明实践", 50, 25, Q_ONE },
	{ "model-family", "文明家庭", "文明实践", 3000, 1, Q_ONE },
};
#define NACTIVITIES ((int)NELEM(activities))

struct good {
	const char *code, *name, *unit;
	int cents;  /* price per unit x 100 */
	int stock;  /* stock is tracked */
	int weight; /* how often it is redeemed */
	int maxq;   /* most units taken at once */
	int lot;    /* a usual restock */
};

static const struct good goods[] = {
	{ "washing-powder", "洗衣粉", "袋", 1000, 1, 90, 3, 40 },
	{ "toothbrush", "牙刷", "支", 300, 0, 60, 4, 0 },
	{ "toothpaste", "牙膏", "支", 600, 0, 60, 3, 0 },
	{ "cooking-oil", "食用油", "桶", 5000, 1, 25, 1, 12 },
	{ "soap", "香皂", "块", 400, 1, 90, 4, 60 },
	{ "towel", "毛巾", "条", 800, 1, 50, 3, 40 },
	{ "pot-set", "锅具", "套", 12000, 1, 4, 1, 4 },
	{ "soy-sauce", "酱油", "瓶", 800, 0, 50, 2, 0 },
	{ "vinegar", "醋", "瓶", 600, 0, 40, 2, 0 },
	{ "rice", "大米", "袋", 4000, 1, 25, 1, 12 },
	{ "noodles", "挂面", "把", 500, 0, 60, 4, 0 },
	{ "salt", "盐", "袋", 200, 0, 90, 3, 0 },
	{ "toilet-paper", "卫生纸", "提", 1500, 1, 45, 2, 30 },
	{ "dish-soap", "洗洁精", "瓶", 800, 0, 45, 2, 0 },
	{ "gloves", "手套", "副", 300, 0, 40, 3, 0 },
	{ "bin-bags", "垃圾袋", "卷", 200, 0, 90, 5, 0 },
	{ "thermos", "暖水瓶", "个", 3500, 0, 6, 1, 0 },
	{ "shampoo", "洗发水", "瓶", 1500, 1, 35, 2, 30 },
	{ "mop", "拖把", "把", 1200, 0, 12, 1, 0 },
	{ "rice-cooker", "电饭煲", "台", 20000, 1, 2, 1, 3 },
};
#define NGOODS ((int)NELEM(goods))

static const char *const earn_notes[] = {
	"检查合格", "网格员上报", "村委会评定", "现场拍照存档", "志愿者队伍登记",
	"积分评议小组核定", "季度评比", "村民代表推荐",
};
static const char *const deduct_notes[] = {
	"群众举报，核实属实", "网格员巡查发现", "多次劝导未改", "已限期整改",
};
static const char *const redeem_notes[] = {
	"周六兑换日", "代家中老人兑换", "电话预约兑换",
};
static const char *const adjust_plus[] = {
	"期初余额：纸质台账结转", "乡政府表彰奖励", "更正漏记积分", "分户，余额转入",
};
static const char *const adjust_minus[] = {
	"更正重复记分", "村民代表大会决议扣减", "分户，余额转出",
};
static const char *const restock_notes[] = {
	"乡里统一配送", "供销社进货", "爱心企业捐赠",
};
static const char *const writeoff_notes[] = {
	"破损报废", "过期下架", "盘点短少",
};
static const char *const void_reasons[] = {
	"录错户号", "录错项目", "重复录入", "经村委会复核撤销", "数量录错",
};
static const char *const void_redeem_reasons[] = {
	"商品退回（未开封），撤销兑换", "录错户号", "重复录入",
};
static const char *const void_restock_reasons[] = {
	"重复录入", "数量录错", "货品未到",
};

/* ---- the state the generator keeps ---- */

struct household {
	char id[16];
	char head[16];
	int village;
	int64_t since, until; /* -1: none */
	int64_t cents;        /* balance */
};

static struct household hh[NHOUSEHOLDS];
static int64_t stock[NVILLAGES][NGOODS];
static int village_first[NVILLAGES]; /* index of its first household */

enum kind { K_EARN, K_REDEEM, K_ADJUST, K_RESTOCK, K_VOID, NKINDS };
static const char *const kind_names[] = { "earn", "redeem", "adjust", "restock", "void" };

/* What is kept of a recent entry, for voids. */
struct recent {
	char id[27];
	unsigned char kind, voided;
	short village, what;
	int household;
	int64_t qty, cents, date;
};

#define RING 4096
static struct recent ring[RING];
static uint64_t nring; /* entries ever put in the ring */

#define EARNERS 512
static int earners[EARNERS]; /* households that earned lately */
static uint64_t nearners;

static const char *outdir;
static FILE *files[NVILLAGES];
static int files_year = -1;
static FILE *journal;
static long long counts[NKINDS];

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* A ULID-like id: 48 bits of ms (big-endian, 10 chars), 80 random bits. */
static void make_id(uint64_t ms, char out[27])
{
	for (int i = 9; i >= 0; i--) {
		out[i] = crockford[ms & 31];
		ms >>= 5;
	}
	uint64_t hi = rnd64() & 0xFFFFFFFFFFULL, lo = rnd64() & 0xFFFFFFFFFFULL;
	for (int i = 17; i >= 10; i--) {
		out[i] = crockford[hi & 31];
		hi >>= 5;
	}
	for (int i = 25; i >= 18; i--) {
		out[i] = crockford[lo & 31];
		lo >>= 5;
	}
	out[26] = '\0';
}

/* Points as jf writes them: "5", "-0.5", "2.25". */
static char *fmt_points(int64_t c, char *buf)
{
	uint64_t mag = c < 0 ? (uint64_t)-c : (uint64_t)c;
	const char *sign = c < 0 ? "-" : "";
	unsigned fp = (unsigned)(mag % 100);
	if (fp == 0)
		sprintf(buf, "%s%" PRIu64, sign, mag / 100);
	else if (fp % 10 == 0)
		sprintf(buf, "%s%" PRIu64 ".%u", sign, mag / 100, fp / 10);
	else
		sprintf(buf, "%s%" PRIu64 ".%02u", sign, mag / 100, fp);
	return buf;
}

/* Points for the journal: an integer or two decimals. */
static char *fmt_amount(int64_t c, char *buf)
{
	uint64_t mag = c < 0 ? (uint64_t)-c : (uint64_t)c;
	const char *sign = c < 0 ? "-" : "";
	if (mag % 100 == 0)
		sprintf(buf, "%s%" PRIu64, sign, mag / 100);
	else
		sprintf(buf, "%s%" PRIu64 ".%02u", sign, mag / 100, (unsigned)(mag % 100));
	return buf;
}

static void xmkdir(const char *path)
{
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		die("cannot create '%s': %s", path, strerror(errno));
}

static FILE *xfopen(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		die("cannot write '%s': %s", path, strerror(errno));
	return f;
}

static void xfclose(FILE *f, const char *what)
{
	if (ferror(f) | fclose(f))
		die("write error on '%s'", what);
}

static void close_files(void)
{
	char path[4096];
	for (int v = 0; v < NVILLAGES; v++) {
		if (files[v]) {
			snprintf(path, sizeof path, "%s/ledger/%d/%s.yaml", outdir, files_year,
				 villages[v].code);
			xfclose(files[v], path);
			files[v] = NULL;
		}
	}
}

/* The ledger file of village v for the year of day. */
static FILE *ledger_file(int v, int64_t day)
{
	char path[4096];
	int y = year_of(day);
	if (y != files_year) {
		close_files();
		files_year = y;
		snprintf(path, sizeof path, "%s/ledger/%d", outdir, y);
		xmkdir(path);
	}
	if (!files[v]) {
		snprintf(path, sizeof path, "%s/ledger/%d/%s.yaml", outdir, y, villages[v].code);
		files[v] = xfopen(path);
		setvbuf(files[v], NULL, _IOFBF, 1 << 16);
	}
	return files[v];
}

static int open_on(const struct household *h, int64_t day)
{
	return (h->since < 0 || day >= h->since) && (h->until < 0 || day <= h->until);
}

/* ---- the settings files ---- */

static void write_settings(void)
{
	char path[4096], d1[11], d2[11];
	FILE *f;

	snprintf(path, sizeof path, "%s/jf.yaml", outdir);
	f = xfopen(path);
	fputs("# 龙渠乡积分超市：基准测试账本（由 bench/gen 生成，请勿手改）。\n"
	      "# A generated benchmark book (bench/gen N DIR): same N, same bytes.\n"
	      "\n"
	      "township: 龙渠乡\n"
	      "timezone: Asia/Shanghai\n"
	      "villages:\n", f);
	for (int v = 0; v < NVILLAGES; v++)
		fprintf(f, "  - {code: %s, name: %s}\n", villages[v].code, villages[v].name);
	fputs("ledger: ledger/{year}/{village}.yaml\n"
	      "low_stock: 5\n", f);
	xfclose(f, path);

	snprintf(path, sizeof path, "%s/catalogue.yaml", outdir);
	f = xfopen(path);
	fputs("# 龙渠乡积分超市：积分规则与兑换商品（基准测试用，无次数上限）。\n"
	      "# Generated by bench/gen: no limit: fields, so generated entries are never refused.\n"
	      "\n"
	      "activities:\n", f);
	for (int a = 0; a < NACTIVITIES; a++) {
		char pb[32];
		fprintf(f, "  - {code: %s, name: %s, category: %s, points: %s}\n", activities[a].code,
			activities[a].name, activities[a].category,
			fmt_points(activities[a].cents, pb));
	}
	fputs("\ngoods:\n", f);
	for (int g = 0; g < NGOODS; g++) {
		char pb[32];
		fprintf(f, "  - {code: %s, name: %s, unit: %s, points: %s%s}\n", goods[g].code,
			goods[g].name, goods[g].unit, fmt_points(goods[g].cents, pb),
			goods[g].stock ? ", stock: true" : "");
	}
	xfclose(f, path);

	snprintf(path, sizeof path, "%s/households.yaml", outdir);
	f = xfopen(path);
	fputs("# 龙渠乡积分超市：农户登记册（基准测试用，姓名均为生成的虚构姓名）。\n"
	      "# Generated by bench/gen.\n"
	      "\nhouseholds:\n", f);
	for (int i = 0; i < NHOUSEHOLDS; i++) {
		const struct household *h = &hh[i];
		fprintf(f, "  - {id: %s, head: %s, village: %s", h->id, h->head,
			villages[h->village].code);
		if (h->since >= 0)
			fprintf(f, ", since: %s", (fmt_date(h->since, d1), d1));
		if (h->until >= 0)
			fprintf(f, ", until: %s", (fmt_date(h->until, d2), d2));
		fputs("}\n", f);
	}
	xfclose(f, path);
}

static void make_households(int64_t first, int64_t last)
{
	int n = 0;
	for (int v = 0; v < NVILLAGES; v++) {
		village_first[v] = n;
		for (int k = 1; k <= villages[v].households; k++, n++) {
			struct household *h = &hh[n];
			const char *sur = chance(600) ? villages[v].clan[rnd(3)]
						      : surnames[rnd(NELEM(surnames))];
			snprintf(h->id, sizeof h->id, "%s-%03d", villages[v].code, k);
			if (chance(250))
				snprintf(h->head, sizeof h->head, "%s%s", sur, given[rnd(NELEM(given))]);
			else
				snprintf(h->head, sizeof h->head, "%s%s%s", sur,
					 given[rnd(NELEM(given))], given[rnd(NELEM(given))]);
			h->village = v;
			h->since = h->until = -1;
			/* The first household of each village stays open throughout
			 * (bench/run.sh records for XB-001). */
			if (k > 1 && chance(80))
				h->since = first + 30 + rnd((uint32_t)(last - first - 90));
			if (k > 1 && chance(20)) {
				int64_t from = h->since >= 0 ? h->since : first;
				h->until = from + 60 + rnd((uint32_t)(last - from - 60));
			}
		}
	}
	if (n != NHOUSEHOLDS)
		die("internal error: %d households", n);
}

/* ---- writing one entry (jf bytes and journal transaction) ---- */

struct entry {
	enum kind kind;
	int64_t date;
	uint64_t ms;
	char id[27];
	int household; /* -1: none */
	int village;
	int what;      /* activity or good; -1: none */
	int64_t qty, cents;
	const char *ref, *reason, *note;
	const char *by;
	const struct recent *target; /* for a void */
};

/* The journal postings of an entry of kind k; sign -1 reverses them.
 * Households are grouped by village (Households:XB:XB-017): ledger-cli's
 * `bal` tree is very slow with 5,000 accounts under one parent (2.0 s instead
 * of 0.3 s on the 10k book, 10x on the 100k book), and a township would
 * group them so anyway. */
static void postings(FILE *j, enum kind k, int household, int village, int what, int64_t qty,
		     int64_t cents, int sign)
{
	char a1[32], a2[32];
	switch (k) {
	case K_EARN:
		fprintf(j, "    Households:%s:%s  %s P\n    Income:Activities:%s  %s P\n",
			villages[village].code, hh[household].id, fmt_amount(sign * cents, a1),
			activities[what].code, fmt_amount(-sign * cents, a2));
		break;
	case K_REDEEM:
		fprintf(j, "    Households:%s:%s  %s P\n    Expenses:Goods:%s  %s P\n",
			villages[village].code, hh[household].id, fmt_amount(sign * cents, a1),
			goods[what].code, fmt_amount(-sign * cents, a2));
		if (goods[what].stock)
			fprintf(j, "    Stock:%s:%s  %" PRId64 " U\n    Equity:Stock:%s  %" PRId64 " U\n",
				villages[village].code, goods[what].code, -sign * qty,
				goods[what].code, sign * qty);
		break;
	case K_ADJUST:
		fprintf(j, "    Households:%s:%s  %s P\n    Equity:Adjust  %s P\n",
			villages[village].code, hh[household].id,
			fmt_amount(sign * cents, a1), fmt_amount(-sign * cents, a2));
		break;
	case K_RESTOCK:
		fprintf(j, "    Stock:%s:%s  %" PRId64 " U\n    Equity:Stock:%s  %" PRId64 " U\n",
			villages[village].code, goods[what].code, sign * qty, goods[what].code,
			-sign * qty);
		break;
	default:
		break;
	}
}

static void emit(const struct entry *e)
{
	char date[11], at[40], pb[32];
	uint64_t secs = e->ms / 1000 + 8 * 3600; /* local time, +08:00 */
	int64_t lday = (int64_t)(secs / 86400);
	unsigned sod = (unsigned)(secs % 86400);
	FILE *f = ledger_file(e->village, e->date);

	fmt_date(e->date, date);
	fmt_date(lday, at);
	snprintf(at + 10, sizeof at - 10, "T%02u:%02u:%02u+08:00", sod / 3600, sod / 60 % 60,
		 sod % 60);

	fprintf(f, "- id: %s\n  date: %s\n  at: %s\n  kind: %s\n", e->id, date, at,
		kind_names[e->kind]);
	if (e->kind == K_RESTOCK)
		fprintf(f, "  village: %s\n", villages[e->village].code);
	if (e->kind != K_RESTOCK && e->kind != K_VOID)
		fprintf(f, "  household: %s\n", hh[e->household].id);
	if (e->kind == K_EARN)
		fprintf(f, "  activity: %s\n", activities[e->what].code);
	if (e->kind == K_REDEEM || e->kind == K_RESTOCK)
		fprintf(f, "  item: %s\n", goods[e->what].code);
	if (e->kind == K_EARN || e->kind == K_REDEEM || e->kind == K_RESTOCK)
		fprintf(f, "  qty: %" PRId64 "\n", e->qty);
	if (e->kind == K_EARN || e->kind == K_REDEEM || e->kind == K_ADJUST)
		fprintf(f, "  points: %s\n", fmt_points(e->cents, pb));
	if (e->kind == K_VOID)
		fprintf(f, "  ref: %s\n", e->ref);
	if (e->reason)
		fprintf(f, "  reason: %s\n", e->reason);
	if (e->note)
		fprintf(f, "  note: %s\n", e->note);
	fprintf(f, "  by: %s\n", e->by);

	/* The journal: one transaction per entry, the id as its code. */
	FILE *j = journal;
	switch (e->kind) {
	case K_EARN:
		fprintf(j, "%s (%s) earn %s %s x%" PRId64 "\n", date, e->id, hh[e->household].id,
			activities[e->what].code, e->qty);
		break;
	case K_REDEEM:
		fprintf(j, "%s (%s) redeem %s %s x%" PRId64 "\n", date, e->id,
			hh[e->household].id, goods[e->what].code, e->qty);
		break;
	case K_ADJUST:
		fprintf(j, "%s (%s) adjust %s\n", date, e->id, hh[e->household].id);
		break;
	case K_RESTOCK:
		fprintf(j, "%s (%s) restock %s %s x%" PRId64 "\n", date, e->id,
			villages[e->village].code, goods[e->what].code, e->qty);
		break;
	case K_VOID:
		fprintf(j, "%s (%s) void %s %s\n", date, e->id, e->ref,
			kind_names[e->target->kind]);
		break;
	default:
		break;
	}
	if (e->reason)
		fprintf(j, "    ; %s\n", e->reason);
	if (e->note)
		fprintf(j, "    ; %s\n", e->note);
	if (e->kind == K_VOID) {
		const struct recent *t = e->target;
		postings(j, (enum kind)t->kind, t->household, t->village, t->what, t->qty, t->cents,
			 -1);
	} else {
		postings(j, e->kind, e->household, e->village, e->what, e->qty, e->cents, 1);
	}
	fputc('\n', j);

	struct recent *r = &ring[nring++ % RING];
	memcpy(r->id, e->id, sizeof r->id);
	r->kind = (unsigned char)e->kind;
	r->voided = 0;
	r->village = (short)e->village;
	r->what = (short)e->what;
	r->household = e->household;
	r->qty = e->qty;
	r->cents = e->cents;
	r->date = e->date;
	counts[e->kind]++;
}

/* ---- choosing entries ---- */

static int pick_weighted_activity(int positive_only)
{
	static int total, total_pos;
	if (!total)
		for (int a = 0; a < NACTIVITIES; a++) {
			total += activities[a].weight;
			if (activities[a].cents > 0)
				total_pos += activities[a].weight;
		}
	int r = (int)rnd((uint32_t)(positive_only ? total_pos : total));
	for (int a = 0; a < NACTIVITIES; a++) {
		if (positive_only && activities[a].cents <= 0)
			continue;
		if ((r -= activities[a].weight) < 0)
			return a;
	}
	return 0;
}

static int pick_weighted_good(void)
{
	static int total;
	if (!total)
		for (int g = 0; g < NGOODS; g++)
			total += goods[g].weight;
	int r = (int)rnd((uint32_t)total);
	for (int g = 0; g < NGOODS; g++)
		if ((r -= goods[g].weight) < 0)
			return g;
	return 0;
}

/* A household open on day, or -1. */
static int pick_household(int64_t day)
{
	for (int tries = 0; tries < 64; tries++) {
		int i = (int)rnd(NHOUSEHOLDS);
		if (open_on(&hh[i], day))
			return i;
	}
	return -1;
}

static int gen_earn(struct entry *e)
{
	int h = pick_household(e->date);
	if (h < 0)
		return 0;
	int a = pick_weighted_activity(0);
	if (activities[a].cents < 0 && hh[h].cents < -activities[a].cents)
		a = pick_weighted_activity(1);
	int64_t qty = 1;
	switch (activities[a].q) {
	case Q_KG: qty = 1 + rnd(25); break;
	case Q_DAYS: qty = 1 + rnd(3); break;
	case Q_HOURS: qty = 2 + rnd(7); break;
	default: qty = chance(30) ? 2 : 1; break;
	}
	if (activities[a].cents < 0)
		qty = 1;
	e->kind = K_EARN;
	e->household = h;
	e->village = hh[h].village;
	e->what = a;
	e->qty = qty;
	e->cents = activities[a].cents * qty;
	if (activities[a].cents < 0)
		e->note = deduct_notes[rnd(NELEM(deduct_notes))];
	else if (chance(120))
		e->note = earn_notes[rnd(NELEM(earn_notes))];
	hh[h].cents += e->cents;
	if (e->cents > 0)
		earners[nearners++ % EARNERS] = h;
	return 1;
}

static int gen_redeem(struct entry *e)
{
	for (int tries = 0; tries < 32; tries++) {
		int h;
		if (nearners && chance(700))
			h = earners[rnd(nearners < EARNERS ? (uint32_t)nearners : EARNERS)];
		else
			h = (int)rnd(NHOUSEHOLDS);
		if (!open_on(&hh[h], e->date) || hh[h].cents < 200)
			continue;
		int v = hh[h].village;
		for (int k = 0; k < 8; k++) {
			int g = pick_weighted_good();
			int64_t qty = 1 + rnd((uint32_t)goods[g].maxq);
			while (qty > 1 && (qty * goods[g].cents > hh[h].cents ||
					   (goods[g].stock && stock[v][g] < qty)))
				qty--;
			if (qty * goods[g].cents > hh[h].cents || (goods[g].stock && stock[v][g] < qty))
				continue;
			e->kind = K_REDEEM;
			e->household = h;
			e->village = v;
			e->what = g;
			e->qty = qty;
			e->cents = -qty * goods[g].cents;
			if (chance(60))
				e->note = redeem_notes[rnd(NELEM(redeem_notes))];
			hh[h].cents += e->cents;
			if (goods[g].stock)
				stock[v][g] -= qty;
			return 1;
		}
	}
	return 0;
}

static int gen_adjust(struct entry *e)
{
	int h = pick_household(e->date);
	if (h < 0)
		return 0;
	int64_t c;
	if (hh[h].cents >= 1000 && chance(250)) {
		int64_t most = hh[h].cents < 5000 ? hh[h].cents : 5000;
		c = -(int64_t)(50 * (1 + rnd((uint32_t)(most / 50))));
		e->reason = adjust_minus[rnd(NELEM(adjust_minus))];
	} else {
		c = chance(800) ? 1000 * (1 + rnd(20)) : 50 * (1 + rnd(100));
		e->reason = adjust_plus[rnd(NELEM(adjust_plus))];
	}
	e->kind = K_ADJUST;
	e->household = h;
	e->village = hh[h].village;
	e->cents = c;
	if (chance(200))
		e->note = "经乡积分办审核";
	hh[h].cents += c;
	return 1;
}

static int gen_restock(struct entry *e)
{
	int v = (int)rnd(NVILLAGES), g = -1;
	if (chance(700)) {
		int64_t low = INT64_MAX;
		for (int k = 0; k < NGOODS; k++)
			if (goods[k].stock && stock[v][k] < low) {
				low = stock[v][k];
				g = k;
			}
	} else {
		do
			g = (int)rnd(NGOODS);
		while (!goods[g].stock);
	}
	int64_t qty;
	if (stock[v][g] >= 3 && chance(100)) {
		int64_t most = stock[v][g] < 4 ? stock[v][g] : 4;
		qty = -(int64_t)(1 + rnd((uint32_t)most));
		e->note = writeoff_notes[rnd(NELEM(writeoff_notes))];
	} else {
		qty = goods[g].lot / 2 + rnd((uint32_t)goods[g].lot + 1);
		if (chance(250))
			e->note = restock_notes[rnd(NELEM(restock_notes))];
	}
	e->kind = K_RESTOCK;
	e->household = -1;
	e->village = v;
	e->what = g;
	e->qty = qty;
	stock[v][g] += qty;
	return 1;
}

static int gen_void(struct entry *e)
{
	uint64_t have = nring < RING ? nring : RING;
	if (!have)
		return 0;
	for (int tries = 0; tries < 16; tries++) {
		/* Mistakes are mostly noticed soon: prefer the latest entries. */
		uint64_t back = 1 + rnd((uint32_t)(chance(700) && have > 256 ? 256 : have));
		struct recent *t = &ring[(nring - back) % RING];
		if (t->kind == K_VOID || t->voided || t->date > e->date)
			continue;
		if (t->household >= 0) {
			struct household *h = &hh[t->household];
			if (!open_on(h, e->date))
				continue;
			if ((t->kind == K_EARN || t->kind == K_ADJUST) && h->cents < t->cents)
				continue;
		}
		if (t->kind == K_RESTOCK && stock[t->village][t->what] < t->qty)
			continue;
		/* Take the effect back. */
		if (t->household >= 0)
			hh[t->household].cents -= t->cents;
		if (t->kind == K_REDEEM && goods[t->what].stock)
			stock[t->village][t->what] += t->qty;
		if (t->kind == K_RESTOCK)
			stock[t->village][t->what] -= t->qty;
		t->voided = 1;
		e->kind = K_VOID;
		e->household = -1;
		e->village = t->village;
		e->what = -1;
		e->ref = t->id;
		e->target = t;
		e->reason = t->kind == K_REDEEM	   ? void_redeem_reasons[rnd(NELEM(void_redeem_reasons))]
			    : t->kind == K_RESTOCK ? void_restock_reasons[rnd(NELEM(void_restock_reasons))]
						   : void_reasons[rnd(NELEM(void_reasons))];
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	char *end;
	char path[4096];

	if (argc != 3) {
		fprintf(stderr, "usage: %s N OUTDIR\n", prog);
		return 2;
	}
	errno = 0;
	long long n = strtoll(argv[1], &end, 10);
	if (errno || *end || n < 0 || n > 100000000LL) {
		fprintf(stderr, "%s: bad number of entries '%s'\n", prog, argv[1]);
		return 2;
	}
	outdir = argv[2];
	xmkdir(outdir);
	DIR *dir = opendir(outdir);
	if (!dir)
		die("cannot open '%s': %s", outdir, strerror(errno));
	for (struct dirent *de; (de = readdir(dir));)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			die("'%s' is not empty", outdir);
	closedir(dir);
	snprintf(path, sizeof path, "%s/ledger", outdir);
	xmkdir(path);

	const int64_t first = days_from_civil(2022, 1, 1), last = days_from_civil(2026, 5, 31);
	const int64_t ndays = last - first + 1;
	make_households(first, last);
	write_settings();

	snprintf(path, sizeof path, "%s/journal.ledger", outdir);
	journal = xfopen(path);
	setvbuf(journal, NULL, _IOFBF, 1 << 16);
	fprintf(journal,
		"; The transactions of the jf book next to this file, as a ledger-cli journal\n"
		"; (bench/gen %lld): points are the commodity P, shop stock the commodity U;\n"
		"; accounts Households:VILLAGE:ID, Income:Activities:CODE, Expenses:Goods:CODE,\n"
		"; Equity:Adjust, Stock:VILLAGE:ITEM, Equity:Stock:ITEM; the entry id is the\n"
		"; transaction code; a void is a transaction reversing the entry it undoes.\n\n",
		n);

	/* Day weights: Saturday is shop day, Sunday is quiet, and the scheme
	 * grows over the years. */
	static const int dow_weight[7] = { 10, 10, 10, 10, 10, 16, 6 };
	uint64_t wtotal = 0;
	for (int64_t d = 0; d < ndays; d++)
		wtotal += (uint64_t)dow_weight[weekday(first + d)] * (uint64_t)(1000 + 1000 * d / ndays);

	uint64_t wcum = 0, done = 0;
	for (int64_t d = 0; d < ndays; d++) {
		int64_t day = first + d;
		wcum += (uint64_t)dow_weight[weekday(day)] * (uint64_t)(1000 + 1000 * d / ndays);
		uint64_t upto = (uint64_t)n * wcum / wtotal;
		uint64_t cnt = upto - done;
		done = upto;
		if (!cnt)
			continue;
		/* Recorded between 08:00 and 20:00 local time, strictly
		 * increasing milliseconds. */
		uint64_t base = (uint64_t)day * 86400 * 1000; /* 08:00 +08:00 */
		uint64_t step = 12ULL * 3600 * 1000 / cnt;
		for (uint64_t i = 0; i < cnt; i++) {
			struct entry e = { 0 };
			e.date = day;
			e.ms = base + i * step + (step > 1 ? rnd((uint32_t)step) : 0);
			make_id(e.ms, e.id);
			uint32_t r = rnd(1000);
			int ok = r < 700   ? 0
				 : r < 900 ? gen_redeem(&e)
				 : r < 940 ? gen_adjust(&e)
				 : r < 980 ? gen_restock(&e)
					   : gen_void(&e);
			if (!ok) {
				/* Not possible today (no balance, no stock, nothing
				 * to void): an earning instead. */
				struct entry fresh = { .date = e.date, .ms = e.ms };
				memcpy(fresh.id, e.id, sizeof fresh.id);
				e = fresh;
				if (!gen_earn(&e) && !gen_restock(&e))
					die("internal error: no entry possible on day %" PRId64, day);
			}
			e.by = villages[e.village].by[rnd(10) < 7 ? 0 : 1];
			emit(&e);
		}
	}
	close_files();
	xfclose(journal, "journal.ledger");

	printf("%s: %lld entries: %lld earn, %lld redeem, %lld adjust, %lld restock, %lld void\n",
	       outdir, n, counts[K_EARN], counts[K_REDEEM], counts[K_ADJUST], counts[K_RESTOCK],
	       counts[K_VOID]);
	return 0;
}
