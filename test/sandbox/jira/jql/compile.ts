/**
 * Compiles a parsed JQL `where` clause into a predicate over issues. Compiling first means an unknown field or
 * value fails with 400 even when no issue would have reached that clause, as in Jira.
 */
import type { Clause, Operand, TerminalClause } from '@atlaskit/jql-ast';
import type { EmulatorContext } from '../context';
import { JiraApiError, badRequest } from '../errors';
import type { JiraIssue } from '../model';
import type { JqlField, JqlValue, OperatorName } from './jql-field';
import { RANGE, valueKey } from './jql-field';
import { isModelledJqlFunction, jiraJqlFunction } from './functions';
import { resolveJqlField } from './resolve-field';
import { textMatches } from './values';

export type IssuePredicate = (issue: JiraIssue) => boolean;

interface ResolvedOperand {
  values: JqlValue[];
  includesEmpty: boolean;
}

const notModelled = (what: string): JiraApiError =>
  new JiraApiError(501, [`The sandbox's Jira emulator does not model ${what} in JQL.`]);

/** The function names an operand calls, in a list too (`issue in (linkedIssues(A-1), A-2)`). */
function functionsIn(operand: Operand): string[] {
  if (operand.operandType === 'function') return [operand.function.value];
  if (operand.operandType === 'list') return operand.values.flatMap(functionsIn);
  return [];
}

/**
 * A real Jira function that no field here evaluates answers 501 naming it, before the field is resolved, so
 * `fixVersion in unreleasedVersions()` names the function rather than blaming the field. A modelled function
 * on a field that does not take it, and a name Jira does not know, stay Jira's 400.
 */
function refuseUnmodelledFunctions(operand: Operand): void {
  for (const name of functionsIn(operand)) {
    const jiraName = jiraJqlFunction(name);
    if (jiraName && !isModelledJqlFunction(jiraName)) throw notModelled(`the function '${jiraName}()'`);
  }
}

function resolveOperand(field: JqlField, operand: Operand): ResolvedOperand {
  switch (operand.operandType) {
    case 'keyword':
      return { values: [], includesEmpty: true };
    case 'value':
      return { values: [...field.resolveLiteral(operand.value)], includesEmpty: false };
    case 'function': {
      const args = operand.arguments.map((argument) => argument.value);
      const values = field.resolveFunction?.(operand.function.value, args);
      if (!values) throw badRequest(`Unable to find JQL function '${operand.function.value}(${args.join(', ')})' for field '${field.name}'.`);
      return { values: [...values], includesEmpty: false };
    }
    case 'list': {
      const parts = operand.values.map((value) => resolveOperand(field, value));
      return { values: parts.flatMap((part) => part.values), includesEmpty: parts.some((part) => part.includesEmpty) };
    }
  }
}

function compare(operator: OperatorName, left: number, right: number): boolean {
  if (operator === '>') return left > right;
  if (operator === '>=') return left >= right;
  if (operator === '<') return left < right;
  return left <= right;
}

function compileTerminal(ctx: EmulatorContext, clause: TerminalClause): IssuePredicate {
  if (clause.predicates.length > 0) throw notModelled('history predicates (AFTER, BEFORE, BY, DURING, ON …)');
  const operatorNode = clause.operator;
  const operand = clause.operand;
  if (!operatorNode || !operand) throw badRequest('Error in the JQL Query: a clause is missing its operator or value.');
  const operator = operatorNode.value;
  if (operator === 'was' || operator === 'was in' || operator === 'was not' || operator === 'was not in' || operator === 'changed') {
    throw notModelled(`the '${operator.toUpperCase()}' operator (issue history)`);
  }
  refuseUnmodelledFunctions(operand);
  const field = resolveJqlField(ctx, clause.field);
  if (!field.operators.has(operator)) {
    throw badRequest(`The operator '${operatorNode.text}' is not supported by the '${field.name}' field.`);
  }
  const resolved = resolveOperand(field, operand);
  const isEmpty = (issue: JiraIssue): boolean => field.valuesOf(issue).length === 0;

  if (operator === 'is' || operator === 'is not') {
    if (operand.operandType !== 'keyword') throw badRequest(`The operator '${operatorNode.text}' only takes EMPTY or NULL.`);
    return operator === 'is' ? isEmpty : (issue) => !isEmpty(issue);
  }
  if (operator === '~' || operator === '!~') {
    if (operand.operandType !== 'value') throw badRequest(`The operator '${operatorNode.text}' takes a single text value.`);
    const textOf = field.textOf ?? ((issue: JiraIssue) => field.valuesOf(issue).join(' '));
    const matches = (issue: JiraIssue): boolean => textMatches(textOf(issue), operand.value);
    return operator === '~' ? matches : (issue) => !matches(issue);
  }
  if ((RANGE as readonly string[]).includes(operator)) {
    // An untyped property literal stands for both its text and its number; ranges use the number.
    const numbers = resolved.values.filter((value): value is number => typeof value === 'number');
    const bound = numbers[0];
    if (operand.operandType === 'list' || numbers.length !== 1 || bound === undefined) {
      throw badRequest(`The operator '${operatorNode.text}' needs one value that can be ordered for the field '${field.name}'.`);
    }
    return (issue) => field.valuesOf(issue).some((value) => typeof value === 'number' && compare(operator, value, bound));
  }
  const wanted = new Set(resolved.values.map(valueKey));
  const anyWanted = (issue: JiraIssue): boolean => field.valuesOf(issue).some((value) => wanted.has(valueKey(value)));
  if (operator === '=' || operator === 'in') {
    return (issue) => (resolved.includesEmpty && isEmpty(issue)) || anyWanted(issue);
  }
  // != and NOT IN never match an issue whose field is empty (Jira: "assignee != x" skips unassigned issues).
  if (operator === '!=' || operator === 'not in') {
    if (resolved.includesEmpty && resolved.values.length === 0) return (issue) => !isEmpty(issue);
    return (issue) => !isEmpty(issue) && !anyWanted(issue);
  }
  throw badRequest(`The operator '${operatorNode.text}' is not supported by the '${field.name}' field.`);
}

export function compileClause(ctx: EmulatorContext, clause: Clause): IssuePredicate {
  switch (clause.clauseType) {
    case 'terminal':
      return compileTerminal(ctx, clause);
    case 'not': {
      const inner = compileClause(ctx, clause.clause);
      return (issue) => !inner(issue);
    }
    case 'compound': {
      const parts = clause.clauses.map((part) => compileClause(ctx, part));
      return clause.operator.value === 'and'
        ? (issue) => parts.every((part) => part(issue))
        : (issue) => parts.some((part) => part(issue));
    }
  }
}
