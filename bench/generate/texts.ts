/**
 * The Chinese texts of generated proposals and replies. A proposal is built on one of the 230 demo
 * history proposals (its topic, lead unit and co-units): the title is a variant of its title or a
 * title pattern on one of its unit's remit keywords; the body follows the product's composed form
 * (一、情况分析 … 二、具体建议 …) with a sentence about the place and figures, the history proposal's
 * own analysis and suggestions, those of other proposals on the same topic, and general sentences of
 * the genre — 500 to 2,000 characters, so similar-proposal search meets texts that overlap the way
 * real ones on related matters do.
 *
 * Terms (title_terms, body_terms) are the product's own `termHashes`. A body is a list of fragments
 * that each end in punctuation or a line break, so no term spans two of them: the body's terms are
 * the union of its fragments' terms, each fragment hashed once. `termsOf` checks this against
 * `termHashes(body)` on a sample of bodies as it goes.
 */
import { HISTORY_PROPOSALS, type HistoryProposal, LANZHOU_REPLY_BODY, anyangReplyBody } from '#app/demo';
import { CommitteeLevel } from '#app/org';
import { termHashes } from '#app/proposals';
import type { Place } from './places.js';
import type { Random } from './random.js';

const HAN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Anyang's place names, replaced so that a county in Gansu does not speak of 林州 and 殷墟. */
const PLACE_WORDS: ReadonlyArray<[RegExp, (place: Place) => string]> = [
  [/(林州|汤阴|滑县|内黄|殷都)(、(林州|汤阴|滑县|内黄|殷都))*(等地)?/g, (p) => (p.level === CommitteeLevel.County ? '部分乡镇' : '部分县区')],
  [/文峰区|北关区/g, () => '老城区'],
  [/安阳东站/g, (p) => `${stem(p)}东站`],
  [/安阳/g, (p) => stem(p)],
  [/殷墟/g, () => '历史文化遗址'],
  [/红旗渠/g, () => '红色教育基地'],
  [/太行大峡谷/g, () => '自然风景区'],
  [/太行山区/g, () => '山区'],
  [/中国文字博物馆/g, () => '博物馆'],
  [/甲骨文/g, () => '地方特色文化'],
  [/羑里城/g, () => '古遗址'],
  [/洹河|汤河/g, () => '城区河道'],
  [/我市/g, (p) => p.we],
  [/全市/g, (p) => p.scope],
];

function stem(place: Place): string {
  if (place.level === CommitteeLevel.National) return '我国';
  return place.local.replace(/(市|县|区|省|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, '');
}

function localize(text: string, place: Place): string {
  let out = text;
  for (const [pattern, replacement] of PLACE_WORDS) out = out.replace(pattern, replacement(place));
  return out;
}

/** A history proposal cut into what the composer reuses. */
export interface Topic {
  base: HistoryProposal;
  /** 优化疫苗接种服务 (title without 关于 … 的提案) */
  core: string;
  analysis: string[];
  suggestions: string[];
}

function cut(base: HistoryProposal): Topic {
  const sentences = base.body.split('。').filter(Boolean);
  const suggestions = sentences
    .filter((s) => s.startsWith('建议'))
    .flatMap((s) => s.slice(2).split(/[，；]/))
    .filter((clause) => clause.length >= 4)
    .map((clause) => `${clause}。`);
  return {
    base,
    core: base.title.replace(/^关于/, '').replace(/的(提案|建议)$/, ''),
    analysis: sentences.filter((s) => !s.startsWith('建议')).map((s) => `${s}。`),
    suggestions,
  };
}

export const TOPICS: readonly Topic[] = HISTORY_PROPOSALS.map(cut);

/** Topics by the key of their lead unit (the field of work they belong to). */
export const TOPICS_BY_FIELD: ReadonlyMap<string, readonly Topic[]> = TOPICS.reduce((map, topic) => {
  map.set(topic.base.lead, [...(map.get(topic.base.lead) ?? []), topic]);
  return map;
}, new Map<string, Topic[]>());

const ANALYSIS_GENERAL = [
  '这一问题涉及面广，群众反映强烈，已成为影响群众获得感、幸福感、安全感的突出问题。',
  '从调研情况看，相关政策虽已出台，但在基层落地过程中仍存在“最后一公里”梗阻。',
  '部分基层单位对此重视程度不够，工作停留在会议和文件层面，缺乏有力抓手。',
  '职能部门之间信息共享不充分，存在多头管理、责任不清的现象。',
  '资金投入总体不足，且主要依靠财政投入，社会资本参与的积极性不高。',
  '专业人才队伍建设滞后，基层工作人员数量不足、专业能力有待提高。',
  '考核评价机制不够健全，对工作落实情况缺乏有效的跟踪问效。',
  '宣传引导不够深入，部分群众对相关政策的知晓率不高。',
  '与先进地区相比，在体制机制创新、服务能力等方面仍有较大差距。',
  '城乡之间、区域之间发展不平衡，农村和偏远地区短板尤为明显。',
  '部分配套设施建设标准偏低，建成后管护责任不明确，长效运营机制尚未形成。',
  '相关数据统计口径不一，底数不清，影响了科学决策。',
  '群众参与渠道不畅，社会力量的作用发挥不充分。',
  '政策之间衔接不够紧密，存在碎片化问题，整体效能没有充分发挥。',
  '监管手段相对落后，信息化、智能化水平不高。',
  '从走访情况看，基层干部群众普遍希望有关方面加大统筹力度，尽快出台针对性措施。',
  '上述问题如不及时加以解决，将在一定程度上制约经济社会高质量发展。',
  '调研中，不少企业和群众反映办事环节多、周期长、成本高。',
  '近年来，这方面工作取得了一定成效，但与人民群众的期盼相比还有不小差距。',
  '一些地方存在重建设轻管理、重投入轻绩效的倾向。',
  '现行标准制定时间较早，已不能完全适应新形势新要求。',
  '基层反映，上级要求多、检查多，真正用于解决问题的精力和资源有限。',
  '部分项目前期论证不充分，建成后使用率不高，造成资源浪费。',
  '新情况新问题不断出现，现有的管理方式和服务手段明显滞后。',
  '群众对此期待很高，多次通过12345热线、网络问政等渠道反映。',
  '究其原因，既有历史欠账较多的客观因素，也有工作机制不健全的主观因素。',
  '随着人口老龄化和城镇化进程加快，相关需求将持续增长，供需矛盾将更加突出。',
  '有的部门之间存在推诿扯皮现象，群众反映的问题往往得不到及时有效解决。',
  '这些问题在新闻媒体上也多次被报道，社会关注度较高。',
  '上届会议期间已有委员就此提出提案，相关部门作了答复，但问题尚未得到根本解决。',
];

const ELABORATIONS = [
  '要明确牵头部门和配合单位的职责分工，细化工作措施，确保落到实处。',
  '建议将其纳入年度重点工作和绩效考核内容，定期通报进展情况。',
  '可借鉴先进地区的经验做法，先行试点、总结经验后逐步推广。',
  '财政部门要加大资金保障力度，同时积极引导社会资本参与。',
  '要加强部门之间的数据共享和业务协同，形成工作合力。',
  '要畅通群众反映问题的渠道，及时回应群众关切。',
  '要加强专业人才培养和引进，提高基层工作人员的业务能力。',
  '要完善相关制度规定，做到有章可循、有据可依。',
  '要加强宣传引导，提高政策知晓率和群众参与度。',
  '要强化监督检查，对落实不力的严肃问责。',
  '要坚持问题导向，聚焦群众急难愁盼，一件一件抓落实。',
  '要建立长效机制，防止问题反弹回潮。',
  '要充分运用大数据等信息化手段，提高精准化、智能化水平。',
  '要统筹城乡、兼顾区域，逐步缩小差距。',
  '要发挥行业协会、社会组织和志愿者的作用，形成共建共治共享格局。',
  '要加强跟踪评估，根据实施效果及时调整完善政策措施。',
  '在具体实施中，要注意听取基层和群众的意见，充分考虑不同群体的实际需求，避免“一刀切”。',
  '对于涉及多个部门的事项，建议由政府分管领导牵头，建立定期会商制度，及时研究解决重大问题。',
  '要将相关经费列入年度财政预算，建立稳定的投入增长机制，确保各项措施有钱办事、有人干事。',
  '要及时总结推广基层创造的好经验、好做法，发挥典型示范带动作用，以点带面推动整体提升。',
  '要建立健全信息公开制度，定期向社会公布工作进展，主动接受人大、政协和社会各界的监督。',
  '可探索引入第三方评估机制，对政策实施效果进行客观评价，评估结果作为改进工作的重要依据。',
  '要加强与周边地区的交流合作，在规划衔接、资源共享、联防联控等方面形成区域协同。',
  '要注重运用法治思维和法治方式，及时修订完善相关地方性法规和规范性文件，为工作开展提供制度保障。',
];

const GENERAL_SUGGESTIONS = [
  '加强组织领导，建立健全统筹协调机制。',
  '加大资金投入，建立多元化投入保障机制。',
  '强化人才支撑，加强专业队伍建设。',
  '推进信息化建设，提升智慧化管理水平。',
  '完善政策体系，加强政策之间的衔接配套。',
  '加强宣传引导，营造全社会共同参与的良好氛围。',
  '健全考核评价机制，强化督查问效。',
  '加强调查研究，摸清底数，科学制定专项规划。',
];

/** Sentences with the place and figures: each body has one, so no two bodies are the same. */
const CONTEXTS: ReadonlyArray<(place: Place, year: number, keyword: string, random: Random) => string> = [
  (p, y, k, r) => `据不完全统计，截至${y - 1}年底，${p.local}涉及${k}的投诉、咨询达${r.int(120, 9800)}件，同比增长${r.int(3, 38)}%。`,
  (p, y, k, r) => `${y - 1}年，${p.local}在${k}方面投入资金${r.int(300, 90000)}万元，惠及群众${r.int(2, 260)}万人次，但供需矛盾依然突出。`,
  (p, y, k, r) => `笔者近期对${p.local}${r.int(4, 16)}个${p.level === CommitteeLevel.County ? '乡镇（街道）' : p.level === CommitteeLevel.National ? '省份' : '县区'}开展专题调研，发现${k}方面的问题较为集中。`,
  (p, _y, k, r) => `据有关部门统计，目前${p.local}${k}相关从业人员约${r.int(800, 60000)}人，其中具有专业资质的仅占${r.int(12, 61)}%。`,
  (p, y, k, r) => `${y - 1}年${p.local}12345热线受理涉及${k}的诉求${r.int(200, 30000)}件，占诉求总量的${r.int(2, 19)}.${r.int(1, 9)}%。`,
  (p, y, k) => `${k}事关群众切身利益，是${p.local}${y}年政府工作报告确定的重点任务之一。`,
  (p, _y, k, r) => `近三年来，${p.local}${k}相关工作累计投入${r.int(2, 95)}.${r.int(1, 9)}亿元，取得了阶段性成效。`,
  (p, y, k, r) => `${y - 1}年${p.scope}共排查${k}方面的问题隐患${r.int(60, 4200)}处，已整改${r.int(40, 95)}%，仍有部分问题整改难度较大。`,
  (p, y, k, r) => `${y}年初，${p.local}就${k}问题开展了问卷调查，收回有效问卷${r.int(300, 12000)}份，${r.int(45, 88)}%的受访者表示“不满意”或“不太满意”。`,
];

/** The numbered lines of 具体建议: （一）… */
const itemLabel = (i: number) => `（${HAN_NUMERALS[i] ?? String(i + 1)}）`;

const ANALYSIS_HEADING = '一、情况分析\n';
const SUGGESTIONS_HEADING = '\n二、具体建议\n';

/** A proposal's text: its title, its body as the fragments it is made of, and its two parts. */
export interface ProposalText {
  title: string;
  titleTerms: number[];
  body: string;
  /** 情况分析 and 具体建议, which the body is composed of (the product's form) */
  analysis: string;
  suggestions: string;
  bodyTerms: Int32Array;
  /** the suggestions, for the reply to take up one by one */
  items: string[];
}

/**
 * Terms of the fragments seen so far, shared by every committee's composer (most sentences are the
 * same everywhere; those naming the place differ by committee). Emptied if it ever grows large.
 */
const fragmentTerms = new Map<string, Int32Array>();
const FRAGMENT_CACHE_LIMIT = 500_000;

/** Composes titles and bodies for one committee's place, hashing each reused fragment once. */
export class TextComposer {
  private readonly localized = new Map<string, string>();
  private scratch = new Int32Array(4096);
  private composed = 0;

  constructor(private readonly place: Place) {}

  /** The demo text with this committee's place in it (remembered: the same sentences recur). */
  local(text: string): string {
    let found = this.localized.get(text);
    if (found === undefined) {
      found = localize(text, this.place);
      this.localized.set(text, found);
    }
    return found;
  }

  private terms(fragment: string, remember = true): Int32Array {
    let found = fragmentTerms.get(fragment);
    if (!found) {
      found = Int32Array.from(termHashes(fragment));
      if (remember) {
        if (fragmentTerms.size >= FRAGMENT_CACHE_LIMIT) fragmentTerms.clear();
        fragmentTerms.set(fragment, found);
      }
    }
    return found;
  }

  /** The union of the fragments' terms, sorted and distinct: what `termHashes` gives for their concatenation. */
  private union(parts: readonly Int32Array[]): Int32Array {
    let total = 0;
    for (const part of parts) total += part.length;
    if (this.scratch.length < total) this.scratch = new Int32Array(total * 2);
    let at = 0;
    for (const part of parts) {
      this.scratch.set(part, at);
      at += part.length;
    }
    const sorted = this.scratch.subarray(0, at).sort();
    let distinct = 0;
    for (let i = 0; i < sorted.length; i += 1) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
    }
    return sorted.slice(0, distinct);
  }

  /** A title's terms (titles are short and mostly distinct: hashed whole). */
  titleTerms(title: string): number[] {
    return termHashes(title);
  }

  title(topic: Topic, field: readonly Topic[], keywords: readonly string[], random: Random): string {
    const p = this.place;
    const roll = random.next();
    const keyword = random.pick(keywords);
    if (roll < 0.34) return topic.base.title;
    if (roll < 0.44 && !topic.core.startsWith('进一步')) return `关于进一步${topic.core}的提案`;
    if (roll < 0.54) return `关于在${p.scope}范围内${topic.core}的提案`;
    if (roll < 0.64) {
      const other = random.pick(field);
      if (other !== topic) return `关于${topic.core}和${other.core}的提案`;
    }
    if (roll < 0.7) return `关于${topic.core}助力${p.local === '全国' ? '' : p.local}高质量发展的提案`;
    const patterns = [
      `关于加强${p.local === '全国' ? '' : p.local}${keyword}工作的提案`,
      `关于提升${keyword}服务水平的提案`,
      `关于完善${keyword}工作机制的提案`,
      `关于解决${keyword}领域突出问题的提案`,
      `关于加快${keyword}高质量发展的提案`,
      `关于规范${keyword}管理的提案`,
      `关于加大${keyword}投入力度的提案`,
      `关于推动${keyword}提质增效的提案`,
    ];
    return random.pick(patterns);
  }

  /**
   * 情况分析 and 具体建议 of 500 to 2,000 characters (most around 1,000), from the topic, its field and
   * the general sentences, composed as the product composes them.
   */
  body(topic: Topic, field: readonly Topic[], keyword: string, year: number, random: Random): Omit<ProposalText, 'title' | 'titleTerms'> {
    const p = this.place;
    const target = 500 + Math.floor(1500 * random.next() ** 1.6);
    const analysisTarget = Math.floor(target * random.int(45, 62) / 100);
    const fragments: string[] = [ANALYSIS_HEADING];
    const parts: Int32Array[] = [this.terms(ANALYSIS_HEADING)];
    let length = 0;
    const add = (fragment: string, remember = true) => {
      fragments.push(fragment);
      parts.push(this.terms(fragment, remember));
      length += fragment.length;
    };
    const context = random.pick(CONTEXTS)(p, year, keyword, random);
    const related = random.sample(field.filter((t) => t !== topic), 10);
    add(context, false);
    for (const sentence of topic.analysis) add(this.local(sentence));
    for (const raw of [...related.flatMap((t) => t.analysis), ...random.sample(ANALYSIS_GENERAL, 20)]) {
      if (length >= analysisTarget) break;
      const sentence = this.local(raw);
      if (length + sentence.length > 1400) continue;
      add(sentence);
    }
    const analysisEnd = fragments.length;
    add(SUGGESTIONS_HEADING);
    const items: string[] = [];
    const elaborations = random.sample(ELABORATIONS, ELABORATIONS.length);
    let e = 0;
    for (const raw of [...topic.suggestions, ...related.flatMap((t) => t.suggestions), ...random.sample(GENERAL_SUGGESTIONS, 3)]) {
      if (items.length >= 3 && length >= target) break;
      if (items.length >= HAN_NUMERALS.length) break;
      const item = this.local(raw);
      if (length + item.length + 5 > 1990) break;
      if (items.length > 0) add('\n');
      add(itemLabel(items.length));
      add(item);
      // Longer proposals argue each suggestion more (one or two sentences more).
      for (let more = target > 1200 ? 2 : 1; more > 0 && random.chance(0.75); more -= 1) {
        const elaboration = elaborations[e++ % elaborations.length];
        if (length + elaboration.length > 1990) break;
        add(elaboration);
      }
      items.push(item);
    }
    // Never under 500 characters: the last suggestion is argued further.
    for (let i = 0; length < 500 - ANALYSIS_HEADING.length && i < ELABORATIONS.length; i += 1) add(elaborations[e++ % elaborations.length]);
    const body = fragments.join('');
    const analysis = fragments.slice(1, analysisEnd).join('');
    const suggestions = fragments.slice(analysisEnd + 1).join('');
    const bodyTerms = this.union(parts);
    this.composed += 1;
    if (this.composed % 997 === 1) this.check(body, bodyTerms);
    return { body, analysis, suggestions, bodyTerms, items };
  }

  /** The union of fragment terms must equal the product's terms of the whole body. */
  private check(body: string, terms: Int32Array): void {
    const expected = termHashes(body);
    if (expected.length !== terms.length || expected.some((term, i) => term !== terms[i])) {
      throw new Error(`body terms differ from termHashes(body) for: ${body.slice(0, 80)}…`);
    }
  }
}

const MEASURES = [
  '我们将此项工作列入年度重点任务，成立了由主要负责同志任组长的工作专班，定期研究推进。',
  '会同有关部门开展了专题调研，摸清了底数，形成了问题清单、任务清单和责任清单。',
  '制定出台了专项工作方案，明确了目标任务、时间节点和责任分工。',
  '积极争取上级资金支持，统筹安排本级财政资金，保障了工作顺利推进。',
  '建立了部门联席会议制度，加强信息共享和协调配合，形成了工作合力。',
  '开展了专项整治行动，集中解决了一批群众反映强烈的突出问题。',
  '加强业务培训，组织基层工作人员开展专题培训，提升了履职能力。',
  '通过报刊、广播电视、政务新媒体等渠道广泛开展宣传，提高了群众知晓率。',
  '推进信息化平台建设，实现了业务办理“一网通办”，方便了群众办事。',
  '选取部分地方开展试点，及时总结经验做法，逐步在面上推广。',
  '完善考核评价办法，将相关工作纳入目标责任考核，强化督导问效。',
  '畅通群众诉求反映渠道，对群众反映的问题建立台账，逐件跟踪办理。',
];

const NEXT_STEPS: Readonly<Record<string, string>> = {
  A: '您提出的建议已全部采纳并落实到位。下一步，我们将巩固工作成果，建立健全长效机制，防止问题反弹。',
  B: '您提出的建议对我们改进工作很有帮助，部分建议正在推进落实，其余已列入下一年度工作计划，我们将逐步加以解决。',
  C: '您提出的建议很有价值，但受财力、政策等条件限制，目前暂时难以全部实施。我们已就有关情况与您进行了沟通说明，今后将结合实际积极创造条件，逐步推动解决。',
  D: '您提出的问题涉及面广、情况复杂，我们将作为今后工作的参考，认真研究。',
};

let anyangBody: string | undefined;

/** The body of a reply (答复) or a co-unit's opinion (会办意见), in the style of the Anyang reply. */
export function replyBody(
  kind: 'answer' | 'co_opinion',
  unit: { name: string; workArea: string; key: string },
  items: readonly string[],
  grade: string | null,
  place: Place,
  year: number,
  random: Random,
): string {
  if (kind === 'answer' && unit.key === 'police' && random.chance(0.4)) {
    return localize(random.chance(0.6) ? (anyangBody ??= anyangReplyBody()) : LANZHOU_REPLY_BODY, place);
  }
  const measures = random.sample(MEASURES, MEASURES.length);
  if (kind === 'co_opinion') {
    return [
      '一、会办意见',
      `我单位赞同该提案所提建议。结合${unit.workArea}职责，${measures[0]}${measures[1]}`,
      '二、有关情况',
      `${year}年以来，我单位${measures[2]}下一步，我们将积极配合主办单位做好提案办理工作。`,
    ].join('\n');
  }
  const taken = items.slice(0, random.int(2, Math.max(2, Math.min(5, items.length))));
  const lines = [
    `作为提案的主办单位，我们高度重视，专题研究提案所提建议，结合${place.scope}${unit.workArea}实际，现将办理情况答复如下：`,
    '一、基本情况',
    `近年来，${place.local === '全国' ? '' : place.local}${unit.workArea}取得了积极进展。${year - 1}年，${measures[0]}${measures[1]}`,
    '二、采取的措施',
    ...taken.map((item, i) => `（${HAN_NUMERALS[i]}）关于“${item.replace(/。$/, '')}”的建议。${measures[(i + 2) % measures.length]}${measures[(i + 7) % measures.length]}`),
    '三、存在问题和下步打算',
    `目前仍存在一些困难和不足，主要是基层力量相对薄弱、资金保障压力较大。${NEXT_STEPS[grade ?? 'B'] ?? NEXT_STEPS.B}`,
    `感谢您对${unit.workArea}的关心和支持，欢迎继续提出宝贵意见和建议。`,
  ];
  return lines.join('\n');
}

/** Short texts the generated records carry. */
export const WORDS = {
  notFiled: ['内容空泛，没有具体建议', '属于个人具体事务，建议通过信访渠道反映', '所提问题已在上届会议提案中办理完毕'],
  toOpinion: ['所提问题较为具体，转为社情民意信息报送有关部门参考', '建议内容属于工作建议，转有关部门研究参考'],
  merge: ['与同一事项的提案内容相近，并案办理', '所提问题与已立案提案相同，合并办理'],
  withdraw: ['经进一步调研，所提问题已得到解决', '拟修改完善后重新提交'],
  adjustment: ['该提案所提事项不属于我单位职责范围，建议改由相关部门主办', '提案涉及的主要事项由其他部门牵头负责，我单位可作为会办单位配合'],
  extension: ['提案涉及多个部门，需协调的事项较多，申请延期办理', '所提建议需开展实地调研和论证，申请延长办理期限'],
  waiver: ['会办单位职责已由主办单位一并办理，免于会签', '会办单位已当面提出意见，经协商免于会签'],
  check: ['答复内容完整，同意发文', '答复针对性较强，同意发文', '请进一步加强与委员的沟通'],
  disclosureSummary: ['主办单位已就提案所提建议逐条作出答复，主要建议已采纳落实。', '答复说明了有关工作进展和下一步打算。'],
  disclosureNone: ['涉及工作秘密，不予公开', '涉及个人信息，不予公开'],
  coOpinionDisclosure: '会办意见，函告主办单位，不对外公开',
  comments: [
    '答复认真，措施具体，希望抓好落实。',
    '承办单位态度诚恳，沟通及时。',
    '建议进一步加大工作力度，尽快见到实效。',
    '部分建议尚未采纳，希望继续研究。',
    '答复较为笼统，针对性不强。',
    '对办理结果满意，感谢承办单位的辛勤工作。',
    '希望今后加强与委员的面对面沟通。',
  ],
  rehandle: ['委员对办理结果不满意，交承办单位重新办理', '答复未回应提案主要建议，请重新办理'],
  consultation: [
    '经当面协商，承办单位进一步说明了有关情况和下步打算，委员表示理解。',
    '双方就提案所提问题深入交换了意见，承办单位承诺列入明年工作计划。',
    '委员仍对部分问题保留意见，提案委将继续跟踪督办。',
  ],
  followUpResult: [
    '有关工作已列入年度计划并完成，问题基本解决。',
    '项目已开工建设，预计年底前完成。',
    '受资金条件限制，仍在积极争取上级支持。',
    '有关政策文件已出台，正在组织实施。',
  ],
} as const;
