/**
 * The handling units (承办单位) a generated committee has, by level: the twenty fields of the demo
 * history (公安, 教育, 卫健 …, with their remit keywords) and eighteen more (司法, 应急, 医保 …), named as
 * the ministry, 厅 or 局 of that level (公安部, 河南省公安厅, 安平市公安局). Offices (抄送单位) likewise.
 */
import { CommitteeLevel } from '#app/org';
import { HISTORY_UNITS } from '#app/demo';
import type { Place } from './places.js';

export interface UnitKindSpec {
  /** the history unit key (police, education, …) or one of the extra ones */
  key: string;
  /** name at each level; null when the level has no such unit */
  names: Readonly<Record<CommitteeLevel, ((place: Place) => string) | null>>;
  /** 公 in 安公〔2025〕12号 */
  abbr: string;
  workArea: string;
  remit: readonly string[];
  /** a section that signs contact blocks (联系单位), e.g. 经侦支队 */
  section: string;
}

type Names = UnitKindSpec['names'];

/** 公安部 / 河南省公安厅 / 安平市公安局 / 清河县公安局 */
const ministry = (national: string | null, province: string | null, local: string | null, county: string | null = local): Names => ({
  [CommitteeLevel.National]: national === null ? null : () => national,
  [CommitteeLevel.Province]: province === null ? null : (p) => `${p.local}${province}`,
  [CommitteeLevel.City]: local === null ? null : (p) => `${p.local}${local}`,
  [CommitteeLevel.County]: county === null ? null : (p) => `${p.local}${county}`,
});

const HISTORY_NAMES: Readonly<Record<string, { names: Names; section: string }>> = {
  police: { names: ministry('公安部', '公安厅', '公安局'), section: '经侦支队' },
  finance: { names: ministry('国家金融监督管理总局', '地方金融管理局', '金融工作局', '金融服务中心'), section: '监管科' },
  education: { names: ministry('教育部', '教育厅', '教育局'), section: '基础教育科' },
  health: { names: ministry('国家卫生健康委员会', '卫生健康委员会', '卫生健康委员会'), section: '医政医管科' },
  housing: { names: ministry('住房和城乡建设部', '住房和城乡建设厅', '住房和城乡建设局'), section: '城建科' },
  ecology: { names: ministry('生态环境部', '生态环境厅', '生态环境局', '生态环境分局'), section: '大气环境科' },
  transport: { names: ministry('交通运输部', '交通运输厅', '交通运输局'), section: '运输管理科' },
  agriculture: { names: ministry('农业农村部', '农业农村厅', '农业农村局'), section: '乡村振兴科' },
  hrss: { names: ministry('人力资源和社会保障部', '人力资源和社会保障厅', '人力资源和社会保障局'), section: '就业促进科' },
  'civil-affairs': { names: ministry('民政部', '民政厅', '民政局'), section: '养老服务科' },
  'culture-tourism': { names: ministry('文化和旅游部', '文化和旅游厅', '文化广电和旅游局'), section: '公共服务科' },
  market: { names: ministry('国家市场监督管理总局', '市场监督管理局', '市场监督管理局'), section: '食品安全科' },
  'natural-resources': { names: ministry('自然资源部', '自然资源厅', '自然资源和规划局'), section: '国土空间规划科' },
  industry: { names: ministry('工业和信息化部', '工业和信息化厅', '工业和信息化局'), section: '产业发展科' },
  'urban-management': { names: ministry(null, null, '城市管理局'), section: '市容环卫科' },
  commerce: { names: ministry('商务部', '商务厅', '商务局'), section: '市场建设科' },
  fiscal: { names: ministry('财政部', '财政厅', '财政局'), section: '预算科' },
  development: { names: ministry('国家发展和改革委员会', '发展和改革委员会', '发展和改革委员会'), section: '投资科' },
  science: { names: ministry('科学技术部', '科学技术厅', '科学技术局'), section: '成果转化科' },
  water: { names: ministry('水利部', '水利厅', '水利局'), section: '水资源科' },
};

const EXTRA: readonly UnitKindSpec[] = [
  { key: 'justice', names: ministry('司法部', '司法厅', '司法局'), abbr: '司', workArea: '司法行政工作', remit: ['法律援助', '公共法律服务', '人民调解', '普法', '社区矫正', '律师', '公证'], section: '法律援助中心' },
  { key: 'emergency', names: ministry('应急管理部', '应急管理厅', '应急管理局'), abbr: '应急', workArea: '应急管理工作', remit: ['安全生产', '应急救援', '防灾减灾', '消防', '危险化学品', '应急预案'], section: '安全生产科' },
  { key: 'medical-insurance', names: ministry('国家医疗保障局', '医疗保障局', '医疗保障局'), abbr: '医保', workArea: '医疗保障工作', remit: ['医保', '医疗保险', '异地就医', '药品集采', '大病保险', '医保支付'], section: '待遇保障科' },
  { key: 'veterans', names: ministry('退役军人事务部', '退役军人事务厅', '退役军人事务局'), abbr: '退役', workArea: '退役军人工作', remit: ['退役军人', '优抚', '双拥', '军人安置', '烈士纪念'], section: '移交安置科' },
  { key: 'sports', names: ministry('国家体育总局', '体育局', '体育局'), abbr: '体', workArea: '体育工作', remit: ['体育', '全民健身', '体育场馆', '竞技体育', '体育产业', '健身设施'], section: '群众体育科' },
  { key: 'forestry', names: ministry('国家林业和草原局', '林业局', '林业局'), abbr: '林', workArea: '林业工作', remit: ['林业', '森林防火', '湿地', '草原', '古树名木', '森林资源'], section: '资源管理科' },
  { key: 'audit', names: ministry('审计署', '审计厅', '审计局'), abbr: '审', workArea: '审计工作', remit: ['审计', '审计监督', '经济责任审计'], section: '财政审计科' },
  { key: 'sasac', names: ministry('国务院国有资产监督管理委员会', '国有资产监督管理委员会', '国有资产监督管理委员会', '国有资产服务中心'), abbr: '国资', workArea: '国资监管工作', remit: ['国有企业', '国资监管', '国企改革'], section: '企业改革科' },
  { key: 'tax', names: ministry('国家税务总局', '税务局', '税务局'), abbr: '税', workArea: '税收工作', remit: ['税收', '减税降费', '纳税服务', '发票', '税收优惠'], section: '纳税服务科' },
  { key: 'petition', names: ministry('国家信访局', '信访局', '信访局'), abbr: '信', workArea: '信访工作', remit: ['信访', '矛盾纠纷', '群众来访'], section: '督查科' },
  { key: 'data', names: ministry('国家数据局', '大数据管理局', '大数据管理局', '政务服务和大数据管理局'), abbr: '数据', workArea: '数据和政务服务工作', remit: ['大数据', '政务服务', '一网通办', '数字政府', '数据共享'], section: '政务服务科' },
  { key: 'court', names: ministry('最高人民法院', '高级人民法院', '中级人民法院', '人民法院'), abbr: '法', workArea: '审判工作', remit: ['审判', '执行难', '诉讼服务', '司法公开', '诉源治理'], section: '立案庭' },
  { key: 'procuratorate', names: ministry('最高人民检察院', '人民检察院', '人民检察院'), abbr: '检', workArea: '检察工作', remit: ['检察', '公益诉讼', '未成年人检察', '法律监督'], section: '公益诉讼检察部' },
  { key: 'women', names: ministry('全国妇联', '妇女联合会', '妇女联合会'), abbr: '妇', workArea: '妇女儿童工作', remit: ['妇女', '儿童', '家庭教育', '妇女权益'], section: '权益部' },
  { key: 'youth', names: ministry('共青团中央', '团委', '团委'), abbr: '团', workArea: '共青团工作', remit: ['青年', '青少年', '志愿服务', '共青团'], section: '青年发展部' },
  { key: 'disabled', names: ministry('中国残疾人联合会', '残疾人联合会', '残疾人联合会'), abbr: '残', workArea: '残疾人工作', remit: ['残疾人', '康复', '无障碍', '助残'], section: '康复部' },
  { key: 'trade-union', names: ministry('中华全国总工会', '总工会', '总工会'), abbr: '工', workArea: '工会工作', remit: ['职工', '工会', '劳模', '职工权益'], section: '权益保障部' },
  { key: 'meteorology', names: ministry('中国气象局', '气象局', '气象局'), abbr: '气', workArea: '气象工作', remit: ['气象', '天气预报', '人工影响天气', '气象灾害'], section: '业务科' },
];

const HISTORY_KINDS: readonly UnitKindSpec[] = HISTORY_UNITS.map((unit) => ({
  key: unit.key,
  names: HISTORY_NAMES[unit.key].names,
  abbr: unit.docPrefix.slice(1),
  workArea: unit.workArea,
  remit: unit.remit,
  section: HISTORY_NAMES[unit.key].section,
}));

/** Every kind of handling unit, the twenty of the demo history first. */
export const UNIT_KINDS: readonly UnitKindSpec[] = [...HISTORY_KINDS, ...EXTRA];

/** How many kinds of unit a committee of each level has (all history kinds it can have, then extras). */
const KINDS_PER_LEVEL: Readonly<Record<CommitteeLevel, number>> = {
  [CommitteeLevel.National]: 38,
  [CommitteeLevel.Province]: 34,
  [CommitteeLevel.City]: 30,
  [CommitteeLevel.County]: 24,
};

/** The kinds of handling unit of a committee at this level. */
export function unitKindsOf(level: CommitteeLevel): UnitKindSpec[] {
  return UNIT_KINDS.filter((kind) => kind.names[level] !== null).slice(0, KINDS_PER_LEVEL[level]);
}

/** The unit's 发文字号 prefix: 教育部 → 教提, 河南省教育厅 → 豫教, 安平市教育局 → 安教. */
export function docPrefix(kind: UnitKindSpec, place: Place): string {
  return place.level === CommitteeLevel.National ? `${kind.abbr}提` : `${place.abbr}${kind.abbr}`;
}

/** The three offices every reply is copied to (抄送), by level. */
export function officeNames(place: Place): string[] {
  switch (place.level) {
    case CommitteeLevel.National:
      return ['中共中央办公厅', '国务院办公厅', '全国政协提案委员会'];
    case CommitteeLevel.Province:
      return ['省委办公厅', '省政府办公厅', '省政协提案委'];
    default:
      return [`${place.kind}委办公室`, `${place.kind}政府办公室`, `${place.kind}政协提案委`];
  }
}
