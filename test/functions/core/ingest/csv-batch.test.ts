import { describe, expect, it } from 'vitest';
import { CsvFormatError, attendanceFromCsv, parseCsv, responsesFromCsv } from '../../../../functions/core/ingest/csv-batch';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and skips blank lines', () => {
    // Prepare
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\nlines"\n\n1,2,3\n';

    // Act
    const rows = parseCsv(text);

    // Assess
    expect(rows).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', 'two\nlines'], ['1', '2', '3']]);
  });

  it('rejects an unclosed quote with its line', () => {
    expect(() => parseCsv('a,b\n"open,2\n')).toThrow(new CsvFormatError('line 2: a quoted field is not closed'));
  });
});

describe('attendanceFromCsv', () => {
  it('turns rows into the attendance batch with numeric sessions', () => {
    // Act
    const batch = attendanceFromCsv('groupId,participantRef,session,date,status\ng1,P-1,2,2026-03-02,present\n');

    // Assess
    expect(batch).toEqual({ records: [{ groupId: 'g1', participantRef: 'P-1', session: 2, date: '2026-03-02', status: 'present' }] });
  });

  it('names the missing columns of a wrong header', () => {
    expect(() => attendanceFromCsv('group,participantRef,session,date\n')).toThrow(/missing: groupId, status/);
  });

  it('refuses a header that names a column twice, naming the column', () => {
    // Act, Assess
    expect(() => attendanceFromCsv('groupId,participantRef,session,date,status,status\ng1,P-1,1,2026-03-02,absent,present\n'))
      .toThrow(new CsvFormatError('the header row names "status" more than once; keep one column of each name'));
    expect(() => attendanceFromCsv('groupId,participantRef,session,date, status,groupId ,status\n')).toThrow(/names "groupId", "status" more than once/);
  });

  it('keeps unknown columns so the schema refuses them by name', () => {
    const batch = attendanceFromCsv('groupId,participantRef,session,date,status,name\ng1,P-1,1,2026-03-02,present,Jane\n') as { records: Record<string, unknown>[] };
    expect(batch.records[0]?.['name']).toBe('Jane');
  });
});

describe('responsesFromCsv', () => {
  it('refuses a sheet with an item column twice, naming the column', () => {
    // Act, Assess
    expect(() => responsesFromCsv('groupId,participantRef,instrument,administeredOn,session,item_1,item_2,item_2\ng1,P-1,brs,2026-03-02,1,1,2,5\n'))
      .toThrow(/names "item_2" more than once/);
  });

  it('collects item_n columns in number order, empty cells as missing answers, trailing blanks dropped', () => {
    // Prepare
    const text = 'groupId,participantRef,instrument,administeredOn,session,item_2,item_1,item_3\n'
      + 'g1,P-1,gbo,2026-03-02,1,,7,\n'
      + 'g1,P-1,swemwbs,2026-03-02,1,3,4,5\n';

    // Act
    const batch = responsesFromCsv(text);

    // Assess
    expect(batch).toEqual({
      responses: [
        { groupId: 'g1', participantRef: 'P-1', instrument: 'gbo', administeredOn: '2026-03-02', session: 1, items: [7] },
        { groupId: 'g1', participantRef: 'P-1', instrument: 'swemwbs', administeredOn: '2026-03-02', session: 1, items: [4, 3, 5] },
      ],
    });
  });

  it('refuses a sheet without item columns', () => {
    expect(() => responsesFromCsv('groupId,participantRef,instrument,administeredOn,session\n')).toThrow(/item_1/);
  });
});
