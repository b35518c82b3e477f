import { Messages } from './messages';

/** Raised when no instrument definition has the requested id. */
export class UnknownInstrumentError extends Error {
  override readonly name = 'UnknownInstrumentError';
  readonly instrument: string;
  constructor(instrument: string, known: readonly string[], options?: { cause?: unknown }) {
    super(Messages.unknownInstrument(instrument, known), options);
    this.instrument = instrument;
  }
}

/** Raised when a licence-gated instrument is requested but the deployment has not recorded its licence. */
export class UnlicensedInstrumentError extends Error {
  override readonly name = 'UnlicensedInstrumentError';
  readonly instrument: string;
  constructor(instrument: string, options?: { cause?: unknown }) {
    super(Messages.unlicensedInstrument(instrument), options);
    this.instrument = instrument;
  }
}
