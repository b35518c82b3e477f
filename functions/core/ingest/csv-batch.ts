/**
 * CSV uploads (an administrator with a spreadsheet): `text/csv` bodies of `POST /v1/attendance` and
 * `POST /v1/responses` become the same JSON batches, validated by the same schemas. Data row i (0-based)
 * is record i, on line i + 2 of the file.
 *
 * attendance: `groupId,participantRef,session,date,status`
 * responses:  `groupId,participantRef,instrument,administeredOn,session,item_1,item_2,…` (empty item = missing)
 */

import { Messages } from '../messages';

/** A CSV body that cannot be read as a table. */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, optional BOM) into rows of fields. */
export const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let openedOn = 1;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else { if (c === '\n') line += 1; field += c; }
    } else if (c === '"') {
      if (field !== '') throw new CsvFormatError(`line ${line}: a quote may only open a field`);
      quoted = true;
      openedOn = line;
    } else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i += 1;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      line += 1;
    } else field += c;
  }
  if (quoted) throw new CsvFormatError(`line ${openedOn}: a quoted field is not closed`);
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
};

const ATTENDANCE_COLUMNS = ['groupId', 'participantRef', 'session', 'date', 'status'] as const;
const RESPONSE_COLUMNS = ['groupId', 'participantRef', 'instrument', 'administeredOn', 'session'] as const;

const number = (text: string): number | string => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);

const header = (rows: string[][], required: readonly string[]): string[] => {
  const names = (rows[0] ?? []).map((name) => name.trim());
  // A second column of the same name would silently win over the first (which `status` was meant?): refused.
  const repeated = [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
  if (repeated.length > 0) throw new CsvFormatError(Messages.csvRepeatedColumns(repeated));
  const missing = required.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new CsvFormatError(`the header row must name the columns ${required.join(', ')}; missing: ${missing.join(', ')}`);
  return names;
};

/** The attendance batch of a CSV body; unknown columns come through so the schema rejects them by name. */
export const attendanceFromCsv = (text: string): unknown => {
  const rows = parseCsv(text);
  const names = header(rows, ATTENDANCE_COLUMNS);
  return {
    records: rows.slice(1).map((row) => Object.fromEntries(names.map((name, i) => [name, name === 'session' ? number(row[i] ?? '') : (row[i] ?? '')]))),
  };
};

/** The responses batch of a CSV body: `item_1…item_n` columns become `items` (an empty cell is a missing answer). */
export const responsesFromCsv = (text: string): unknown => {
  const rows = parseCsv(text);
  const names = header(rows, RESPONSE_COLUMNS);
  const itemColumns = names.map((name, i) => ({ n: /^item_(\d+)$/.exec(name)?.[1], i })).filter((c) => c.n !== undefined).sort((a, b) => Number(a.n) - Number(b.n));
  if (itemColumns.length === 0) throw new CsvFormatError('the header row needs item columns item_1, item_2, …');
  return {
    responses: rows.slice(1).map((row) => {
      const record: Record<string, unknown> = {};
      names.forEach((name, i) => {
        if (/^item_\d+$/.test(name)) return;
        record[name] = name === 'session' ? number(row[i] ?? '') : (row[i] ?? '');
      });
      const items = itemColumns.map((c) => (row[c.i] ?? '').trim()).map((cell) => (cell === '' ? null : number(cell)));
      // Trailing empty item cells belong to shorter forms (GBO's 1–3 goals) sharing the sheet.
      while (items.length > 0 && items.at(-1) === null) items.pop();
      record['items'] = items;
      return record;
    }),
  };
};
