import type { APIGatewayProxyEvent } from 'aws-lambda';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from './errors';
import { Messages } from '../core/messages';
import type { SchemaValidator } from '../core/validation/validation-problems';
import { CsvFormatError } from '../core/ingest/csv-batch';
import { PATH_PARAMETERS, type PathParameterName } from '../../schemas/api/path-parameters';

/** Largest body the API accepts (API Gateway's own limit is 10 MB; 500 records fit well within this). */
export const MAX_BODY_BYTES = 1_048_576;

/** Reads a header case-insensitively. */
export const header = (event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
};

const PATH_PATTERNS = Object.fromEntries(Object.entries(PATH_PARAMETERS).map(([name, rule]) => [name, new RegExp(rule.pattern)])) as Record<PathParameterName, RegExp>;

/**
 * A path parameter that matches its declared pattern and length (schemas/api/path-parameters.ts); otherwise a
 * 400 naming the parameter, so an id of any length or shape never reaches the store.
 */
export const pathParameter = (event: Pick<APIGatewayProxyEvent, 'pathParameters'>, name: PathParameterName): string => {
  const value = event.pathParameters?.[name] ?? '';
  const rule = PATH_PARAMETERS[name];
  if (value.length > rule.maxLength || !PATH_PATTERNS[name].test(value)) {
    throw new ValidationError([{ index: null, path: name, message: `${name}: ${Messages.invalidPathParameter(name, rule.maxLength, rule.pattern)}` }]);
  }
  return value;
};

/**
 * Parses the JSON body of an event (or, where the route takes CSV, a `text/csv` body through `fromCsv`) and
 * validates it; throws the error that maps to the right 4xx.
 */
export const parseBody = <T>(
  event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded' | 'headers'>,
  validate: SchemaValidator<T>,
  fromCsv?: (text: string) => unknown,
): T => {
  const contentType = header(event, 'content-type');
  if (fromCsv !== undefined && contentType !== undefined && /^text\/csv\b/i.test(contentType.trim())) {
    const text = bodyText(event);
    let table: unknown;
    try {
      table = fromCsv(text);
    } catch (cause) {
      if (!(cause instanceof CsvFormatError)) throw cause;
      throw new ValidationError([{ index: null, path: '', message: Messages.csvUnreadable(cause.message) }], { cause });
    }
    return validated(table, validate);
  }
  // curl's default form type and text/plain are read as JSON too (a body that is not JSON still gets a 400);
  // any other declared type (CSV, multipart) is refused.
  if (contentType !== undefined && !/^(application\/([a-z.+-]*\+)?json|application\/x-www-form-urlencoded|text\/plain)\b/i.test(contentType.trim())) {
    throw new UnsupportedMediaTypeError(Messages.notJsonContentType);
  }
  const text = bodyText(event);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ValidationError([{ index: null, path: '', message: Messages.bodyNotJson }], { cause });
  }
  return validated(parsed, validate);
};

const validated = <T>(input: unknown, validate: SchemaValidator<T>): T => {
  const result = validate(input);
  if (!result.ok) throw new ValidationError(result.problems);
  return result.value;
};

/** The body as text, within the size limit. */
const bodyText = (event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded'>): string => {
  if (event.body === null || event.body === undefined || event.body === '') {
    throw new ValidationError([{ index: null, path: '', message: Messages.bodyMissing }]);
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw new PayloadTooLargeError(Messages.bodyTooLarge(MAX_BODY_BYTES));
  return text;
};
