/**
 * Where the generated committees are: the national committee, the 31 provinces (real names), and cities
 * and counties with invented two-character names (no list of the ~2,800 real counties is at hand, and
 * invented ones cannot be mistaken for real records). Names are unique across the dataset.
 */
import { CommitteeLevel } from '#app/org';
import type { Random } from './random.js';

interface Province {
  name: string;
  /** 河南 in 政协十三届河南省委员会 */
  short: string;
  /** 豫, the first character of the province's document numbers */
  abbr: string;
}

export const PROVINCES: readonly Province[] = [
  { name: '北京市', short: '北京市', abbr: '京' },
  { name: '天津市', short: '天津市', abbr: '津' },
  { name: '河北省', short: '河北省', abbr: '冀' },
  { name: '山西省', short: '山西省', abbr: '晋' },
  { name: '内蒙古自治区', short: '内蒙古自治区', abbr: '蒙' },
  { name: '辽宁省', short: '辽宁省', abbr: '辽' },
  { name: '吉林省', short: '吉林省', abbr: '吉' },
  { name: '黑龙江省', short: '黑龙江省', abbr: '黑' },
  { name: '上海市', short: '上海市', abbr: '沪' },
  { name: '江苏省', short: '江苏省', abbr: '苏' },
  { name: '浙江省', short: '浙江省', abbr: '浙' },
  { name: '安徽省', short: '安徽省', abbr: '皖' },
  { name: '福建省', short: '福建省', abbr: '闽' },
  { name: '江西省', short: '江西省', abbr: '赣' },
  { name: '山东省', short: '山东省', abbr: '鲁' },
  { name: '河南省', short: '河南省', abbr: '豫' },
  { name: '湖北省', short: '湖北省', abbr: '鄂' },
  { name: '湖南省', short: '湖南省', abbr: '湘' },
  { name: '广东省', short: '广东省', abbr: '粤' },
  { name: '广西壮族自治区', short: '广西壮族自治区', abbr: '桂' },
  { name: '海南省', short: '海南省', abbr: '琼' },
  { name: '重庆市', short: '重庆市', abbr: '渝' },
  { name: '四川省', short: '四川省', abbr: '川' },
  { name: '贵州省', short: '贵州省', abbr: '黔' },
  { name: '云南省', short: '云南省', abbr: '滇' },
  { name: '西藏自治区', short: '西藏自治区', abbr: '藏' },
  { name: '陕西省', short: '陕西省', abbr: '陕' },
  { name: '甘肃省', short: '甘肃省', abbr: '甘' },
  { name: '青海省', short: '青海省', abbr: '青' },
  { name: '宁夏回族自治区', short: '宁夏回族自治区', abbr: '宁' },
  { name: '新疆维吾尔自治区', short: '新疆维吾尔自治区', abbr: '新' },
];

const FIRST = [...'安平长永新清宁东西南北华兴和泰丰嘉临武文宝广德昌明光金玉云江河湖山白青黄红龙凤阳汉洛荆襄沂淮汝颍汾渭岳衡桂柳梧邵'];
const SECOND = [...'阳平安宁江川山城州原丰德兴泉林水台定化昌陵远康明海溪口桥源谷峰石塘坪田坝乐义信和庆宁泽沙'];

/** One committee of the dataset and the place it serves. */
export interface Place {
  level: CommitteeLevel;
  /** 安平市政协 (unique) */
  committeeName: string;
  /** 河南省安平市 */
  region: string;
  /** 安平市, as the texts name the place */
  local: string;
  /** 我市 / 我县 / 我省 / 我国 */
  we: string;
  /** 全市 / 全县 / 全省 / 全国 */
  scope: string;
  /** first character of the committee's document numbers */
  abbr: string;
  /** 市 / 县 / 区 / 省 — what 市 becomes in 市委办公室 and in the demo texts */
  kind: string;
}

/**
 * The committees: one national committee (when there are 1,000 or more), provinces, cities and
 * counties in roughly the national proportions (31 : 333 : ~2,600), at least one of each level below
 * national. Deterministic for a given random stream.
 */
export function planPlaces(count: number, random: Random): Place[] {
  const national = count >= 1000 ? 1 : 0;
  const provinces = Math.min(PROVINCES.length, Math.max(1, Math.round((count * 31) / 3000)));
  const cities = Math.max(1, Math.round((count * 333) / 3000));
  const counties = Math.max(0, count - national - provinces - cities);
  const places: Place[] = [];
  if (national) {
    places.push({ level: CommitteeLevel.National, committeeName: '全国政协', region: '全国', local: '全国', we: '我国', scope: '全国', abbr: '国', kind: '国' });
  }
  const used = new Set<string>();
  const invent = (suffixes: readonly string[]): { name: string; suffix: string } => {
    for (let attempt = 0; ; attempt += 1) {
      const suffix = random.pick(suffixes);
      const stem = random.pick(FIRST) + random.pick(SECOND) + (attempt > 50 ? random.pick(SECOND) : '');
      const name = stem + suffix;
      if (!used.has(stem) && !used.has(name)) {
        used.add(name);
        used.add(stem);
        return { name, suffix };
      }
    }
  };
  const provinceList = PROVINCES.slice(0, provinces);
  for (const p of provinceList) {
    places.push({ level: CommitteeLevel.Province, committeeName: `${p.name}政协`, region: p.name, local: p.name, we: '我省', scope: '全省', abbr: p.abbr, kind: '省' });
  }
  const cityPlaces: Array<Place & { province: Province }> = [];
  for (let i = 0; i < cities; i += 1) {
    const province = provinceList[i % provinceList.length];
    const { name } = invent(['市']);
    const place = { level: CommitteeLevel.City, committeeName: `${name}政协`, region: `${province.name}${name}`, local: name, we: '我市', scope: '全市', abbr: name[0], kind: '市', province };
    cityPlaces.push(place);
    places.push(place);
  }
  for (let i = 0; i < counties; i += 1) {
    const city = cityPlaces[i % cityPlaces.length];
    const { name, suffix } = invent(['县', '县', '县', '市', '区']);
    places.push({
      level: CommitteeLevel.County,
      committeeName: `${name}政协`,
      region: `${city.region}${name}`,
      local: name,
      we: `我${suffix}`,
      scope: `全${suffix}`,
      abbr: name[0],
      kind: suffix,
    });
  }
  return places;
}

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞斌宇浩凯建国文辉力健峰亮晨晓云燕婷雪梅琳欣悦彤宁志博晖琦嘉振海波俊坤鑫颖蕾慧怡雯瑞泽轩睿'];

/** A Chinese personal name (invented: a common surname and one or two given-name characters). */
export function personName(random: Random): string {
  const given = random.chance(0.7) ? random.pick(GIVEN) + random.pick(GIVEN) : random.pick(GIVEN);
  return random.pick(SURNAMES) + given;
}

/** A mobile number (not a real one: 199 numbers with a fixed block). */
export function mobile(random: Random): string {
  return `1990000${String(random.int(0, 9999)).padStart(4, '0')}`;
}

/** 集体提案: the parties, 工商联 and 界别 that propose as a body. */
export function groupNames(place: Place): Array<{ kind: 'party' | 'sector' | 'group'; name: string }> {
  const at = place.level === CommitteeLevel.National ? '中央' : `${place.local}委员会`;
  const parties = ['民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟'].map((p) => ({ kind: 'party' as const, name: `${p}${at}` }));
  const commerce = { kind: 'party' as const, name: place.level === CommitteeLevel.National ? '全国工商联' : `${place.local}工商联` };
  const sectors = ['经济界', '农业界', '教育界', '医药卫生界', '科学技术界', '文化艺术界', '社会福利和社会保障界'].map((s) => ({ kind: 'sector' as const, name: `${s}别` }));
  const groups = ['提案委员会', '经济委员会', '人口资源环境委员会', '社会和法制委员会'].map((g) => ({ kind: 'group' as const, name: `政协${place.local === '全国' ? '全国委员会' : place.local}${g}` }));
  return [...parties, commerce, ...sectors, ...groups];
}
