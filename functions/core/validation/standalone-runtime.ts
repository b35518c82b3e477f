/**
 * What ajv's standalone code needs at run time, as ES modules: the length of a string in code points (a copy of
 * `ajv/dist/runtime/ucs2length`, whose CommonJS default export ESM loaders disagree on) and the date formats.
 */
export { fullFormats } from 'ajv-formats/dist/formats.js';

/** The length of a string in Unicode code points (a surrogate pair counts once), as JSON Schema lengths count. */
export const ucs2length = (text: string): number => {
  const length = text.length;
  let count = 0;
  let position = 0;
  while (position < length) {
    count += 1;
    const value = text.charCodeAt(position++);
    if (value >= 0xd800 && value <= 0xdbff && position < length && (text.charCodeAt(position) & 0xfc00) === 0xdc00) position += 1;
  }
  return count;
};
