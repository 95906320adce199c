import type { PoolReason } from '../../../../db/schema/talentPools';
import type { FieldProblem } from '../../../domain/problems';
import { compilePoolRule, evaluatePoolRule } from '../../../domain/poolRules';
import { explainPoolRuleBoth } from '../../../domain/poolRuleText';
import { AppError } from '../../../errors';
import type { ServiceDeps } from '../../context';
import { currentScale } from '../../reviews/currentScale';
import { talentProfiles } from '../talentProfiles';
import { knownSkills } from './poolContext';

export interface RuleCheck {
  problems: FieldProblem[];
  /** The rule applied to one person, when one was named and the rule is valid. */
  sample: { personId: number; name: string; applies: boolean | null; reason: PoolReason } | null;
}

/** The console's live validation: every problem of a rule, and how it reads for a sample person. Changes nothing. */
export function checkPoolRule(deps: ServiceDeps, input: { rule: string; personId?: number }): RuleCheck {
  const { rule, problems } = compilePoolRule(input.rule, { skills: knownSkills(deps.db) });
  if (!rule || input.personId === undefined) return { problems, sample: null };
  const person = deps.db.$client.prepare<[number], { name: string }>(`select name from people where id = ?`).get(input.personId);
  if (!person) throw new AppError('not_found', 'No such person.', { status: 404 });
  const profile = talentProfiles(deps, [input.personId]).get(input.personId);
  if (!profile) return { problems, sample: null };
  const outcome = evaluatePoolRule(rule, profile);
  return { problems, sample: { personId: input.personId, name: person.name, applies: outcome.applies, reason: explainPoolRuleBoth(rule, outcome, currentScale(deps.db)) } };
}
