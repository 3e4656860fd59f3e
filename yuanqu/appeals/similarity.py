"""Similar appeals (举一反三): Chinese word segmentation, the posting index, the lookup, clusters.

An appeal's title and content are cut into words by jieba (loaded once per process, lazily), with
the registry's names (enterprises, departments, parks, zones) and the domain's words as user words,
so 蓝思科技 or 驾考路线 stay one word; stop words, numbers and single characters are dropped. Each
word is a SimilarTerm carrying its document frequency (df); each (word, appeal) an AppealTerm posting.

The lookup ranks earlier appeals by the summed IDF weight of the words they share with the typed
text, using only the query's rarest words and the newest postings of each (a capped scan), so its
cost does not grow with the number of appeals. Every result passes the user's scope filter
(selectors.scope_q): the index narrows, the scope decides.
"""

import logging
import math
import re
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.signals import post_save

from yuanqu.accounts.access import access_for

from .choices import OPEN_STATES, State
from .models import Appeal, AppealTerm, SimilarTerm
from .selectors import appeal_scope

# The posting count (number of indexed appeals, N of the IDF) is kept as a SimilarTerm row that
# segmentation can never produce (words hold only letters, digits and CJK).
TOTAL = "#诉求总数"

# The lookup reads this many of the query's rarest words, and at most POSTING_CAP postings of each
# (the newest): a bounded scan whatever the size of the index.
QUERY_TERMS = 12
POSTING_CAP = 1500
# Candidates taken from the index before the scope filter and the final cut.
CANDIDATES = 60
# A result shares at least this share of the query's weight (and two words, when the query has two).
MIN_SHARE = 0.3
# Words kept per appeal: a four-thousand-character content should not flood the index.
MAX_TERMS = 64
# Registry names are reloaded at most this often (another worker may have added an enterprise).
RELOAD_SECONDS = 600
USER_WORD_FREQ = 2000

DOMAIN_WORDS = (
    "驾考路线", "驾考车辆", "驾校", "公交线路", "公交站台", "公交站点", "通勤班车", "交警大队", "红绿灯", "信号灯",
    "斑马线", "人行道", "停车位", "停车场", "货车限行", "渣土车", "道路施工", "断头路", "路灯", "厂门口", "上下班",
    "用工招聘", "招工难", "技术工人", "社保补贴", "稳岗补贴", "职业培训", "员工宿舍", "人才公寓", "公租房",
    "子女入学", "积分入学", "用电报装", "双回路", "变压器", "停电", "电压不稳", "天然气", "供水管网", "水压不足",
    "污水管网", "雨污分流", "排水沟", "内涝", "网络信号", "宽带", "5G基站", "消防验收", "竣工验收", "施工许可",
    "规划许可", "环评批复", "安评", "能评", "不动产证", "产权证", "土地证", "用地指标", "土地出让", "容积率",
    "标准厂房", "厂房租金", "租金减免", "融资担保", "贷款贴息", "过桥资金", "首贷", "应急转贷", "增值税留抵",
    "留抵退税", "出口退税", "税收优惠", "高新技术企业", "专精特新", "技改补贴", "研发补贴", "专利申报",
    "政策兑现", "奖补资金", "扶持资金", "产业基金", "扬尘", "噪音扰民", "异味", "危废处置", "安全生产",
    "食堂", "外卖", "快递", "垃圾清运", "绿化带", "围墙", "门岗",
)

DOMAIN_SET = frozenset(DOMAIN_WORDS)
DOMAIN_BOOST = 1.5

STOP_WORDS = frozenset("""
的 了 和 与 及 或 在 是 有 为 对 把 被 从 向 到 由 于 以 等 就 也 都 又 还 而 并 但 但是 因为 所以 如果 虽然
这 那 这个 那个 这些 那些 这里 那里 这样 那样 这种 我们 你们 他们 她们 它们 我 你 他 她 它 其 该 本 此 各 每
一个 一些 一直 一下 一次 已经 目前 现在 当前 今年 去年 明年 今后 之前 之后 以后 以前 以来 期间 时候 时间
希望 请求 恳请 要求 建议 需要 申请 反映 提出 情况 问题 事项 相关 有关 方面 进行 开展 做好 尽快 及时 帮助
协调 解决 处理 落实 推进 支持 给予 予以 能否 是否 可以 能够 不能 无法 没有 不是 比较 非常 特别 严重 较大
较多 很多 大量 部分 主要 造成 导致 影响 存在 出现 发生 由于 因此 同时 另外 此外 其中 以及 通过 根据 关于
困难 不便 麻烦 工作 正常 方便 一定 进一步 有效 明显 办理 服务
公司 企业 我司 本公司 我公司 单位 园区 管委会 政府 部门 有限公司 有限责任公司 股份有限公司
示意
""".split())

_PAREN = re.compile(r"[((][^))]*[))]")
_PREFIX = re.compile(r"^(中国|湖南省?|长沙市?|株洲市?|湘潭市?|衡阳市?|邵阳市?|岳阳市?|常德市?|张家界市?|益阳市?|"
                     r"郴州市?|永州市?|怀化市?|娄底市?|湘西州?)")
_SUFFIX = re.compile(r"(股份有限公司|有限责任公司|有限公司|分公司|公司|集团|厂)$")
_WORD = re.compile(r"^\w+$")
_NUMBER = re.compile(r"^[\d._%+\-]+[a-z]?$")
_BLOCK_SPLIT = re.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")

log = logging.getLogger(__name__)


# ---- segmentation ------------------------------------------------------------------------------------

class _Segmenter:
    """One jieba tokenizer per process with the registry's names added; loaded on first use."""

    def __init__(self):
        self.lock = threading.Lock()
        self.tokenizer = None
        self.loaded_at = 0.0
        self.user_words: set[str] = set()
        self.registry_words: set[str] = set()

    def get(self):
        if self.tokenizer is None or time.monotonic() - self.loaded_at > RELOAD_SECONDS:
            with self.lock:
                if self.tokenizer is None:
                    import jieba

                    jieba.setLogLevel(logging.WARNING)
                    tokenizer = jieba.Tokenizer()
                    tokenizer.initialize()
                    for word in DOMAIN_WORDS:
                        tokenizer.add_word(word, USER_WORD_FREQ)
                    self.user_words.update(DOMAIN_WORDS)
                    self.tokenizer = tokenizer
                    self._add_registry()
                elif time.monotonic() - self.loaded_at > RELOAD_SECONDS:
                    self._add_registry()
        return self.tokenizer

    def _add_registry(self):
        from yuanqu.registry.models import Department, Enterprise, Park, Zone

        names = []
        for model, fields in ((Enterprise, ("name",)), (Department, ("name",)), (Park, ("name",)),
                              (Zone, ("name", "short_name"))):
            for row in model.objects.values_list(*fields):
                names.extend(row)
        self.add_names(names)
        self.loaded_at = time.monotonic()

    def add_names(self, names) -> None:
        fresh = {w for name in names for w in name_words(name)} - self.user_words
        if not fresh or self.tokenizer is None:
            return
        for word in fresh:
            self.tokenizer.add_word(word, USER_WORD_FREQ)
        self.user_words |= fresh
        self.registry_words |= fresh
        _block_terms.cache_clear()  # a block cut before may cut differently now


_segmenter = _Segmenter()


def name_words(name: str) -> list[str]:
    """The user words a registry name gives: the name itself and, for a company, its core
    (蓝思科技(湘潭)有限公司 → 蓝思科技; 湖南百年七星不锈钢制品有限公司 → 百年七星不锈钢制品)."""
    name = (name or "").strip()
    core = _PAREN.sub("", name)
    core = re.sub(r"\d+$", "", core)
    core = _SUFFIX.sub("", core)
    core = _PREFIX.sub("", core)
    words = [w for w in {name, core} if len(w) >= 2 and _BLOCK_SPLIT.search(w) is None]
    return words


def registry_words_reload() -> None:
    """Read the registry's names again now (tests; a command after a registry import)."""
    _segmenter.get()
    with _segmenter.lock:
        _segmenter._add_registry()


def is_registry_word(word: str) -> bool:
    return word in _segmenter.registry_words


def _on_registry_save(sender, instance, **kwargs):
    # This process learns a new or renamed name at once; other workers within RELOAD_SECONDS.
    if _segmenter.tokenizer is not None:
        _segmenter.add_names([getattr(instance, "name", ""), getattr(instance, "short_name", "")])


def _connect_registry_signals():
    from yuanqu.registry.models import Department, Enterprise, Park, Zone

    for model in (Enterprise, Department, Park, Zone):
        post_save.connect(_on_registry_save, sender=model, dispatch_uid=f"appeals_similar_words_{model.__name__}")


_connect_registry_signals()


@lru_cache(maxsize=50_000)
def _block_terms(block: str) -> tuple[str, ...]:
    out = []
    for token in _segmenter.tokenizer.cut(block, HMM=True):
        word = token.strip().lower()
        if (len(word) < 2 or len(word) > 40 or word in STOP_WORDS or _NUMBER.match(word)
                or not _WORD.match(word) or "_" in word):
            continue
        out.append(word)
    return tuple(out)


def segment(text: str) -> list[str]:
    """The words of a text, in order, repeats kept (stop words, numbers and single characters dropped)."""
    _segmenter.get()
    words = []
    # jieba cuts each run of CJK/letters/digits on its own, so cutting the runs here gives the same
    # words and lets a repeated sentence (templates, a re-typed title) come from the cache.
    for block in _BLOCK_SPLIT.split(text or ""):
        if block:
            words.extend(_block_terms(block))
    return words


def terms(title: str, content: str = "") -> list[str]:
    """The distinct words an appeal is indexed under: the title's first, at most MAX_TERMS."""
    seen = dict.fromkeys(segment(title))
    seen.update(dict.fromkeys(segment(content)))
    return list(seen)[:MAX_TERMS]


# ---- the index ---------------------------------------------------------------------------------------

def _term_ids(words) -> dict[str, int]:
    """The SimilarTerm id of each word, creating the missing ones (concurrent creators both succeed)."""
    words = list(words)
    if not words:
        return {}
    found = dict(SimilarTerm.objects.filter(word__in=words).values_list("word", "id"))
    missing = [w for w in words if w not in found]
    if missing:
        SimilarTerm.objects.bulk_create([SimilarTerm(word=w, df=0) for w in missing], ignore_conflicts=True)
        found.update(SimilarTerm.objects.filter(word__in=missing).values_list("word", "id"))
    return found


@transaction.atomic
def appeal_index(appeal) -> None:
    """Index the appeal's words for the similar-appeal lookup; indexing again replaces its postings
    and moves each word's df by what changed."""
    ids = set(_term_ids(terms(appeal.title, appeal.content)).values())
    old = dict(AppealTerm.objects.filter(appeal_id=appeal.pk).values_list("term_id", "zone_id"))
    added, removed = ids - old.keys(), old.keys() - ids
    if removed:
        AppealTerm.objects.filter(appeal_id=appeal.pk, term_id__in=removed).delete()
        SimilarTerm.objects.filter(pk__in=removed, df__gt=0).update(df=F("df") - 1)
    if any(z != appeal.zone_id for z in old.values()):
        AppealTerm.objects.filter(appeal_id=appeal.pk).update(zone_id=appeal.zone_id)
    if added:
        AppealTerm.objects.bulk_create([AppealTerm(term_id=t, appeal_id=appeal.pk, zone_id=appeal.zone_id)
                                        for t in sorted(added)])
        SimilarTerm.objects.filter(pk__in=added).update(df=F("df") + 1)
    if bool(old) != bool(ids):
        total_id = _term_ids([TOTAL])[TOTAL]
        SimilarTerm.objects.filter(pk=total_id).update(df=F("df") + (1 if ids else -1))


def appeal_unindex(appeal) -> None:
    """Drop the appeal's postings (before deleting an appeal), keeping df right."""
    appeal.title = appeal.content = ""
    appeal_index(appeal)


def idf(df: int, total: int) -> float:
    return math.log(1 + max(total, df, 1) / max(df, 1))


# ---- the lookup --------------------------------------------------------------------------------------

@dataclass
class Similar:
    """One similar appeal: the appeal (enterprise, lead department, state, answer) and how near it is."""

    appeal: Appeal
    score: float  # share of the query's weight the appeal carries, 0–1
    shared: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def solution(self) -> str:
        """How it was solved: the answer, else the leader's answer on the spot."""
        return self.appeal.answer or self.appeal.spot_answer


def _posting_filter(user) -> tuple[str, list]:
    """SQL narrowing a posting scan to the user's reach (the scope filter still decides), and its params."""
    scope = access_for(user).scope("appeals.view")
    if scope.everywhere:
        return "", []
    zones = sorted(scope.zone_ids | scope.department_zone_ids)
    if scope.enterprise_ids and not zones:
        # An enterprise's own appeals: few, so probe the index by appeal.
        ids = sorted(scope.enterprise_ids)
        marks = ", ".join(["%s"] * len(ids))
        return (f" AND appeal_id IN (SELECT id FROM {Appeal._meta.db_table} WHERE enterprise_id IN ({marks}))", ids)
    if scope.enterprise_ids:
        zones = sorted(set(zones) | set(
            _enterprise_zone_ids(scope.enterprise_ids)))
    if not zones:
        return " AND 1 = 0", []
    marks = ", ".join(["%s"] * len(zones))
    return f" AND zone_id IN ({marks})", zones


def _enterprise_zone_ids(ids):
    from yuanqu.registry.models import Enterprise

    return Enterprise.objects.filter(pk__in=ids).values_list("zone_id", flat=True)


def _ranked(weights: dict[int, float], where: str, params: list, exclude: int | None, limit: int) -> list[tuple]:
    """(appeal_id, score) best first: each chosen word's newest postings (capped), summed by IDF weight."""
    table = AppealTerm._meta.db_table
    parts, args = [], []
    skip = " AND appeal_id <> %s" if exclude else ""
    for term_id, weight in weights.items():
        parts.append(f"SELECT appeal_id, %s AS w FROM (SELECT appeal_id FROM {table} WHERE term_id = %s{where}{skip}"
                     f" ORDER BY appeal_id DESC LIMIT {POSTING_CAP}) AS s{term_id}")
        args += [weight, term_id, *params] + ([exclude] if exclude else [])
    sql = (f"SELECT appeal_id, SUM(w) AS score FROM ({' UNION ALL '.join(parts)}) AS u"
           f" GROUP BY appeal_id ORDER BY score DESC, appeal_id DESC LIMIT {int(limit)}")
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return cursor.fetchall()


def similar_appeals(user, text: str, *, exclude=None, limit: int = 5) -> list[Similar]:
    """Earlier appeals like `text`, within what the user sees, best first, each with how it was solved."""
    words = list(dict.fromkeys(segment(text)))[:MAX_TERMS]
    if not words:
        return []
    rows = SimilarTerm.objects.filter(word__in=[*words, TOTAL]).values_list("id", "word", "df")
    total = next((df for _, w, df in rows if w == TOTAL), 0)
    exclude_id = getattr(exclude, "pk", exclude)
    # On an appeal's own page its words are counted without it: a word only it holds finds nothing
    # and would only crowd out the words it shares with others.
    own = set(AppealTerm.objects.filter(appeal_id=exclude_id).values_list("term_id", flat=True)) if exclude_id else set()
    known = sorted(((df - (tid in own), tid, w) for tid, w, df in rows if w != TOTAL and df - (tid in own) > 0))
    if not known or not total:
        return []
    chosen = known[:QUERY_TERMS]  # the rarest words say the most and have the shortest postings
    weights = {tid: idf(df, total) for df, tid, _ in chosen}
    query_weight = sum(weights.values())
    scope = access_for(user).scope("appeals.view")
    where, params = _posting_filter(user)
    # Only a whole-zone (or whole-city) scope makes every indexed candidate visible; a department's
    # scope is narrower than its zone, so take more candidates for the scope filter to thin.
    exact = scope.everywhere or not (scope.department_ids or scope.park_ids)
    ranked = _ranked(weights, where, params, exclude_id, CANDIDATES if exact else CANDIDATES * 4)
    need = min(2, len(chosen))
    floor = MIN_SHARE * query_weight
    ranked = [(pk, float(s)) for pk, s in ranked if float(s) >= floor]  # PostgreSQL sums to a Decimal
    if not ranked:
        return []
    by_pk = appeal_scope(user).filter(pk__in=[pk for pk, _ in ranked]).select_related(
        "enterprise", "lead_department", "category", "zone").only(
        "id", "title", "state", "answer", "spot_answer", "answered_at", "created_at", "group_id", "zone__short_name",
        "enterprise__name", "lead_department__name", "category__name")
    by_pk = {a.pk: a for a in by_pk}
    kept = [(pk, s) for pk, s in ranked if pk in by_pk][:limit * 2]
    if not kept:
        return []
    names = {tid: w for _, tid, w in chosen}
    shared: dict[int, list[str]] = defaultdict(list)
    for appeal_id, term_id in AppealTerm.objects.filter(
            appeal_id__in=[pk for pk, _ in kept], term_id__in=list(weights)).values_list("appeal_id", "term_id"):
        shared[appeal_id].append(names[term_id])
    out = []
    for pk, s in kept:
        if len(shared[pk]) < need:
            continue
        out.append(Similar(by_pk[pk], min(1.0, s / query_weight), sorted(shared[pk], key=words.index)))
        if len(out) == limit:
            break
    return out


def search_q(text: str) -> Q | None:
    """A filter on Appeal: title or content holds every word of `text`, read from the posting index
    (a list's search box at a million appeals, where LIKE '%…%' scans every row). None when the text
    has no word the index could hold; the caller then keeps its own matching."""
    words = list(dict.fromkeys(segment(text)))[:QUERY_TERMS]
    if not words:
        return None
    ids = dict(SimilarTerm.objects.filter(word__in=words).values_list("word", "id"))
    if len(ids) < len(words):
        return Q(pk__in=[])  # a word no appeal holds
    q = Q()
    for word in words:
        q &= Q(pk__in=AppealTerm.objects.filter(term_id=ids[word]).values("appeal_id"))
    return q


# ---- clusters ------------------------------------------------------------------------------------------

WINDOW = 2000  # clusters are read from the newest appeals in scope (after the page's filters)
GENERIC_SHARE = 0.2  # a word in more than this share of all appeals names no cause


@dataclass
class Cluster:
    """A recurring cause: appeals of one category sharing a telling word, across enterprises."""

    word: str
    label: str
    category_id: int
    category: str
    appeal_ids: list[int]
    enterprises: int
    departments: int
    zones: int
    open: int
    appeals: list = field(default_factory=list)  # the newest ones, for the page
    solved: Appeal | None = None  # the newest answered one: how it was solved
    linkable: list = field(default_factory=list)  # open, unlinked, in one zone the viewer dispatches

    @property
    def size(self) -> int:
        return len(self.appeal_ids)


def clusters(user, *, zone=None, category=None, since=None, window: int = WINDOW, min_appeals: int = 3,
             min_enterprises: int = 2, limit: int = 30, shown: int = 8) -> list[Cluster]:
    """Recurring causes among the newest `window` appeals the user sees: for each category, the words
    many appeals share (weighted by rarity, names of enterprises and departments excluded); each appeal
    counts in its best cluster only. Largest first, with counts of enterprises, departments and open appeals."""
    from .models import AppealCategory

    _segmenter.get()  # registry names, to keep them out of the labels
    qs = appeal_scope(user)
    if zone:
        qs = qs.filter(zone=zone)
    if category:
        qs = qs.filter(category=category)
    if since:
        qs = qs.filter(created_at__date__gte=since)
    rows = list(qs.order_by("-id").values_list("id", "category_id", "enterprise_id", "lead_department_id",
                                               "zone_id", "state", "group_id")[:window])
    if not rows:
        return []
    info = {r[0]: r for r in rows}
    postings = defaultdict(set)
    for appeal_id, term_id in AppealTerm.objects.filter(appeal_id__in=list(info)).values_list("appeal_id", "term_id"):
        postings[appeal_id].add(term_id)
    term_ids = {t for ts in postings.values() for t in ts}
    words, dfs = {}, {}
    for tid, word, df in SimilarTerm.objects.filter(Q(pk__in=term_ids) | Q(word=TOTAL)).values_list("id", "word", "df"):
        words[tid], dfs[tid] = word, df
    total = next((dfs[t] for t, w in words.items() if w == TOTAL), 0) or len(info)
    term_ids.discard(next((t for t, w in words.items() if w == TOTAL), None))
    # The generic-word cut needs enough appeals to say what is generic.
    generic = GENERIC_SHARE * total if total >= 200 else total + 1
    telling = {t for t in term_ids if not is_registry_word(words[t]) and dfs[t] <= generic}

    by_key: dict[tuple, list[int]] = defaultdict(list)
    for appeal_id, ts in postings.items():
        cat = info[appeal_id][1]
        for t in ts & telling:
            by_key[(cat, t)].append(appeal_id)
    # Curated domain words (驾考路线, 用电报装) name causes; a plain word must be more frequent to lead.
    scored = sorted(((len(ids) * idf(dfs[t], total) * (DOMAIN_BOOST if words[t] in DOMAIN_SET else 1), len(words[t]),
                      cat, t) for (cat, t), ids in by_key.items() if len(ids) >= min_appeals), reverse=True)
    taken: set[int] = set()
    found: list[Cluster] = []
    for _, _, cat, t in scored:
        ids = [i for i in by_key[(cat, t)] if i not in taken]
        enterprises = {info[i][2] for i in ids}
        if len(ids) < min_appeals or len(enterprises) < min_enterprises:
            continue
        taken.update(ids)
        found.append(Cluster(
            word=words[t], label=_label(t, ids, postings, words, dfs, total, telling), category_id=cat, category="",
            appeal_ids=sorted(ids, reverse=True), enterprises=len(enterprises),
            departments=len({info[i][3] for i in ids if info[i][3]}), zones=len({info[i][4] for i in ids}),
            open=sum(1 for i in ids if info[i][5] in OPEN_STATES)))
    found.sort(key=lambda c: (-c.size, -c.enterprises, c.word))
    found = found[:limit]
    if found:
        _fill(user, found, info, shown)
        names = dict(AppealCategory.objects.filter(pk__in={c.category_id for c in found}).values_list("id", "name"))
        for c in found:
            c.category = names.get(c.category_id, "")
    return found


def _label(term_id, ids, postings, words, dfs, total, telling) -> str:
    """The cluster's word and the words most of its appeals also share (驾考路线 · 厂门 · 上下班)."""
    together = Counter(t for i in ids for t in postings[i] & telling if t != term_id)
    common = [t for t, n in together.most_common(12) if n * 2 >= len(ids)]
    common.sort(key=lambda t: -together[t] * idf(dfs[t], total))
    return " · ".join([words[term_id], *(words[t] for t in common[:2])])


def _fill(user, found: list[Cluster], info: dict, shown: int) -> None:
    """The appeals each cluster shows (newest), its newest answer, and those the viewer may link: in
    one query over all clusters."""
    dispatch = access_for(user).scope("appeals.dispatch")
    wanted = set()
    for c in found:
        wanted.update(c.appeal_ids[:shown])
        answered = [i for i in c.appeal_ids if info[i][5] in (State.ANSWERED, State.CLOSED)]
        wanted.update(answered[:1])
        # The zone the viewer can link in: the one holding most of the cluster's open, unlinked appeals.
        linkable = [i for i in c.appeal_ids if info[i][5] in OPEN_STATES and not info[i][6]
                    and (dispatch.everywhere or info[i][4] in dispatch.zone_ids)]
        if linkable:
            zone = Counter(info[i][4] for i in linkable).most_common(1)[0][0]
            c.linkable = [i for i in linkable if info[i][4] == zone][:30]
            wanted.update(c.linkable)
    by_pk = {a.pk: a for a in Appeal.objects.filter(pk__in=wanted).select_related(
        "enterprise", "lead_department", "zone").only(
        "id", "title", "state", "answer", "spot_answer", "zone_id", "group_id", "zone__short_name", "enterprise__name",
        "lead_department__name")}
    for c in found:
        c.appeals = [by_pk[i] for i in c.appeal_ids[:shown]]
        c.solved = next((by_pk[i] for i in c.appeal_ids if i in by_pk and by_pk[i].state in (State.ANSWERED, State.CLOSED)
                         and (by_pk[i].answer or by_pk[i].spot_answer)), None)
        c.linkable = [by_pk[i] for i in c.linkable]
