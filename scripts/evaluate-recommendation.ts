/**
 * `npm run recommend:evaluate`: how often the unit recommendation names the unit the committee really
 * chose, on the demo history (libs/demo/src/demo-proposal-history.ts). Five-fold cross-validation: each
 * proposal is held out once and ranked from the other four fifths, with the same ranking code, weights,
 * neighbour count and similarity the service uses. Prints the figures; asserts nothing.
 */
import { AssignmentRole, NEIGHBOURS, type Neighbour, RECOMMENDATION_WEIGHTS, recommendUnits } from '#app/handling';
import { HISTORY_PROPOSALS, HISTORY_UNITS } from '#app/demo';
import { termHashes, proposalSimilarity } from '#app/proposals';

const FOLDS = 5;

const units = HISTORY_UNITS.map((u) => ({ id: u.key, name: u.name, remitKeywords: u.remit }));
const history = HISTORY_PROPOSALS.map((p, index) => ({ ...p, index, titleTerms: termHashes(p.title), bodyTerms: termHashes(p.body) }));
type Item = (typeof history)[number];

/** The neighbours the service's SQL would find: same cosine, same threshold and limit, rounded as served. */
function neighboursOf(item: Item, train: Item[]): Neighbour[] {
  return train
    .map((other) => ({ other, score: proposalSimilarity(item, other) }))
    .filter(({ score }) => score >= NEIGHBOURS.minScore)
    .sort((a, b) => b.score - a.score)
    .slice(0, NEIGHBOURS.limit)
    .map(({ other, score }) => ({
      number: other.index + 1,
      title: other.title,
      similarity: Math.round(score * 100) / 100,
      units: [{ unitId: other.lead, role: AssignmentRole.Lead }, ...other.co.map((unitId) => ({ unitId, role: AssignmentRole.Co }))],
    }));
}

interface Figures {
  top1: number;
  top3: number;
  coRecall3: number;
  noSuggestion: number;
}

function evaluate(label: string, weights: typeof RECOMMENDATION_WEIGHTS, useHistory: boolean): Figures {
  let top1 = 0;
  let top3 = 0;
  let coFound = 0;
  let coTotal = 0;
  let none = 0;
  for (const item of history) {
    const train = history.filter((other) => other.index % FOLDS !== item.index % FOLDS);
    const ranked = recommendUnits(item, useHistory ? neighboursOf(item, train) : [], units, weights);
    const leads = ranked.lead.map((s) => s.unitId);
    if (leads.length === 0) none += 1;
    if (leads[0] === item.lead) top1 += 1;
    if (leads.slice(0, 3).includes(item.lead)) top3 += 1;
    const co = ranked.co.map((s) => s.unitId);
    coTotal += item.co.length;
    coFound += item.co.filter((unitId) => co.includes(unitId)).length;
  }
  const n = history.length;
  const figures = { top1: top1 / n, top3: top3 / n, coRecall3: coTotal ? coFound / coTotal : 0, noSuggestion: none / n };
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  console.log(`${label.padEnd(34)} lead top-1 ${pct(figures.top1)}   lead top-3 ${pct(figures.top3)}   co-units in top-3 ${pct(figures.coRecall3)}   no suggestion ${pct(figures.noSuggestion)}`);
  return figures;
}

console.log(`demo history: ${history.length} proposals, ${units.length} units, ${history.filter((p) => p.co.length > 0).length} with co-units (${history.reduce((n, p) => n + p.co.length, 0)} co-assignments); ${FOLDS}-fold cross-validation`);
const zeroRemit = { ...RECOMMENDATION_WEIGHTS, remitInTitle: 0, remitInBody: 0 };
evaluate('recommendation (as served)', RECOMMENDATION_WEIGHTS, true);
evaluate('similar proposals only', zeroRemit, true);
evaluate('remit keywords only', RECOMMENDATION_WEIGHTS, false);
const counts = new Map<string, number>();
for (const p of history) counts.set(p.lead, (counts.get(p.lead) ?? 0) + 1);
const commonest = Math.max(...counts.values());
console.log(`${'baseline: always the busiest unit'.padEnd(34)} lead top-1 ${`${((commonest / history.length) * 100).toFixed(1)}%`.padStart(7)}`);
