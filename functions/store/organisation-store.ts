import type { ProgrammePayload } from '../../schemas/api/admin';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import type { Db } from './db';
import { PROGRAMMES, clinicKey, programmeKey } from './table-keys';

/** A programme as stored, with the funders that receive its reports and its completion rule. */
export interface StoredProgramme {
  programmeId: string;
  name: string;
  funders: { funderId: string; name: string }[];
  completion?: { minSessions?: number; minShare?: number };
  /** Optional outcome sets; the NHS Talking Therapies set is off unless switched on. */
  outcomeSets?: { nhsTalkingTherapies?: boolean };
  targets?: ProgrammeTargets;
}

/** A programme's headline targets and main instrument, as the programme schema defines them. */
export type ProgrammeTargets = NonNullable<ProgrammePayload['targets']>;

/** A clinic as stored. */
export interface StoredClinic {
  clinicId: string;
  name: string;
}

/** Tells whether a programme is registered. */
export const programmeExists = async (db: Db, programmeId: string): Promise<boolean> => {
  const result = await db.client.send(new GetCommand({ TableName: db.table, Key: programmeKey(programmeId), ProjectionExpression: 'pk' }));
  return result.Item !== undefined;
};

/** Tells whether a clinic is registered. */
export const clinicExists = async (db: Db, clinicId: string): Promise<boolean> => {
  const result = await db.client.send(new GetCommand({ TableName: db.table, Key: clinicKey(clinicId), ProjectionExpression: 'pk' }));
  return result.Item !== undefined;
};

/** Creates or replaces a clinic; returns whether it was new. */
export const putClinic = async (db: Db, clinic: StoredClinic, now: string): Promise<boolean> => {
  const result = await db.client.send(new PutCommand({
    TableName: db.table,
    Item: { ...clinicKey(clinic.clinicId), type: 'clinic', ...clinic, updatedAt: now },
    ReturnValues: 'ALL_OLD',
  }));
  return result.Attributes === undefined;
};

/** Creates or replaces a programme; returns whether it was new, and what was stored before. */
export const putProgramme = async (db: Db, programme: StoredProgramme, now: string): Promise<{ created: boolean; previous: StoredProgramme | undefined }> => {
  const result = await db.client.send(new PutCommand({
    TableName: db.table,
    Item: { ...programmeKey(programme.programmeId), type: 'programme', ...programme, updatedAt: now },
    ReturnValues: 'ALL_OLD',
  }));
  return { created: result.Attributes === undefined, previous: result.Attributes as StoredProgramme | undefined };
};

/** Every registered programme, in id order (one Query of the programmes partition). */
export const listProgrammes = async (db: Db): Promise<StoredProgramme[]> =>
  (await queryAll(db, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': PROGRAMMES } })).map((item) => ({
    programmeId: String(item['programmeId']), name: String(item['name']),
    funders: (item['funders'] ?? []) as StoredProgramme['funders'],
    ...(item['completion'] !== undefined && { completion: item['completion'] as StoredProgramme['completion'] }),
    ...(item['outcomeSets'] !== undefined && { outcomeSets: item['outcomeSets'] as StoredProgramme['outcomeSets'] }),
    ...(item['targets'] !== undefined && { targets: item['targets'] as ProgrammeTargets }),
  }));

/** Reads one programme, or undefined. */
export const getProgramme = async (db: Db, programmeId: string): Promise<StoredProgramme | undefined> => {
  const result = await db.client.send(new GetCommand({ TableName: db.table, Key: programmeKey(programmeId) }));
  return result.Item as StoredProgramme | undefined;
};

