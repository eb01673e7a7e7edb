/**
 * How deeply a call's input nests. No method's input nests more than a few levels; a body of
 * thousands of nested arrays would overflow the stack of whatever walks it next (the schema check,
 * the worker's message copy). Walked without recursion, so the check itself cannot overflow.
 */
export const MAX_INPUT_DEPTH = 32;

export function nestedDeeperThan(value: unknown, max: number = MAX_INPUT_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
