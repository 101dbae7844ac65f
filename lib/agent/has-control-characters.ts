/**
 * Tells whether `value` holds a C0 or C1 control character or DEL: CR and
 * LF smuggle headers and log lines, NUL cuts strings short downstream.
 */
export function hasControlCharacters(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }

  return false;
}
