import { AssignmentRole } from './assignment.entity.js';

/** A similar earlier proposal and the units it was given to. */
export interface Neighbour {
  number: number | null;
  title: string;
  similarity: number;
  units: Array<{ unitId: string; role: AssignmentRole }>;
}

export interface CandidateUnit {
  id: string;
  name: string;
  remitKeywords: string[];
}

export interface UnitSuggestion {
  unitId: string;
  unitName: string;
  /** Relative strength; only the order is meaningful. */
  score: number;
  /** Why, in words the committee reads: the similar proposals and the remit keywords behind it. */
  reasons: string[];
}

export interface Recommendation {
  lead: UnitSuggestion[];
  co: UnitSuggestion[];
}

/**
 * Weights, chosen by a grid search on the demo history under five-fold cross-validation
 * (`npm run recommend:evaluate` prints the hit rates). A neighbour a unit only co-handled does not vote
 * for it as lead: in the grid every such vote lowered the lead hit rate.
 */
export const RECOMMENDATION_WEIGHTS = {
  /** A remit keyword found in the title counts this much beside a neighbour of similarity 1. */
  remitInTitle: 1.5,
  /** … and found only in the body. */
  remitInBody: 0.5,
  /** A neighbour the unit led counts this much toward co-handling. */
  leadAsCo: 0.3,
  /** Remit weight for co-units, relative to lead. */
  remitForCo: 0.5,
};

const SHOWN = 3;
const REASONS_PER_KIND = 2;

/**
 * Ranks units to lead and to co-handle a proposal: each similar earlier proposal votes, by its
 * similarity, for the units it was given to (the way the committee decided before), and each unit's
 * remit keywords found in the title or body add to it. Pure, so the evaluation script measures exactly
 * what the service serves.
 */
export function recommendUnits(text: { title: string; body: string }, neighbours: Neighbour[], units: CandidateUnit[], weights = RECOMMENDATION_WEIGHTS): Recommendation {
  const lead = new Map<string, Tally>();
  const co = new Map<string, Tally>();
  const tally = (map: Map<string, Tally>, unitId: string) => {
    let entry = map.get(unitId);
    if (!entry) map.set(unitId, (entry = { score: 0, history: [], remit: [] }));
    return entry;
  };
  const known = new Set(units.map((u) => u.id));
  for (const neighbour of neighbours) {
    for (const { unitId, role } of neighbour.units) {
      if (!known.has(unitId)) continue;
      const led = role !== AssignmentRole.Co;
      if (led) {
        const asLead = tally(lead, unitId);
        asLead.score += neighbour.similarity;
        asLead.history.push({ neighbour, role });
      }
      const asCo = tally(co, unitId);
      asCo.score += neighbour.similarity * (led ? weights.leadAsCo : 1);
      asCo.history.push({ neighbour, role });
    }
  }
  const title = text.title.normalize('NFKC');
  const body = text.body.normalize('NFKC');
  for (const unit of units) {
    let remit = 0;
    const hits: string[] = [];
    for (const keyword of unit.remitKeywords) {
      if (title.includes(keyword)) remit += weights.remitInTitle;
      else if (body.includes(keyword)) remit += weights.remitInBody;
      else continue;
      hits.push(keyword);
    }
    if (hits.length === 0) continue;
    Object.assign(tally(lead, unit.id), { remit: hits }).score += remit;
    Object.assign(tally(co, unit.id), { remit: hits }).score += remit * weights.remitForCo;
  }
  const names = new Map(units.map((u) => [u.id, u.name]));
  const leadRanked = ranked(lead, names, 'lead');
  const top = leadRanked[0]?.unitId;
  return {
    lead: leadRanked.slice(0, SHOWN),
    co: ranked(co, names, 'co').filter((s) => s.unitId !== top).slice(0, SHOWN),
  };
}

interface Tally {
  score: number;
  history: Array<{ neighbour: Neighbour; role: AssignmentRole }>;
  remit: string[];
}

const ROLE_NAMES: Readonly<Record<AssignmentRole, string>> = {
  [AssignmentRole.Lead]: '主办',
  [AssignmentRole.Co]: '会办',
  [AssignmentRole.Separate]: '分办',
};

const inRole = (role: AssignmentRole, kind: 'lead' | 'co') => (role === AssignmentRole.Co) === (kind === 'co');

function ranked(tallies: Map<string, Tally>, names: Map<string, string>, kind: 'lead' | 'co'): UnitSuggestion[] {
  return [...tallies.entries()]
    .filter(([, t]) => t.score > 0)
    .sort(([a, x], [b, y]) => y.score - x.score || (names.get(a) ?? '').localeCompare(names.get(b) ?? ''))
    .map(([unitId, t]) => ({
      unitId,
      unitName: names.get(unitId) ?? '',
      score: Math.round(t.score * 1000) / 1000,
      reasons: [
        // The neighbours where the unit had the role asked about come first, then the most similar.
        ...t.history
          .sort((a, b) => Number(inRole(b.role, kind)) - Number(inRole(a.role, kind)) || b.neighbour.similarity - a.neighbour.similarity)
          .slice(0, REASONS_PER_KIND)
          .map(({ neighbour, role }) => `相似提案${neighbour.number ? `第${neighbour.number}号` : ''}《${neighbour.title}》（相似度${neighbour.similarity.toFixed(2)}）由该单位${ROLE_NAMES[role]}`),
        ...(t.remit.length > 0 ? [`职责关键词：${t.remit.join('、')}`] : []),
      ],
    }));
}
