import {
  ErrorCode,
  type JsonValue,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  type ResolutionDetails,
} from '@openfeature/web-sdk';
import { PennantClientError } from './errors.ts';
import { createPennantClient, type PennantClient, type PennantClientOptions } from './session-client.ts';

/**
 * `pennant/openfeature/web`: an OpenFeature provider for `@openfeature/web-sdk` on top of
 * `pennant/client`. Static-context paradigm: the flags are the signed-in session's (its
 * organization), so the evaluation context does not change them; `ConfigurationChanged` is
 * emitted with the flags that were added or removed. Browser-safe (no Node built-in).
 *
 * The session carries only the enabled flags, so a flag that is off and a flag that does not
 * exist both answer `false`: this provider never says FLAG_NOT_FOUND.
 */
export class PennantWebProvider implements Provider {
  readonly metadata = { name: 'Pennant' } as const;
  readonly runsOn = 'client' as const;
  readonly events = new OpenFeatureEventEmitter();
  readonly hooks = [];

  private client: PennantClient | null = null;
  private ready = false;

  constructor(private readonly options: PennantClientOptions) {}

  /** The session client underneath (null before `initialize`). */
  get pennantClient(): PennantClient | null {
    return this.client;
  }

  async initialize(): Promise<void> {
    if (this.client) return this.client.ready;
    const client = createPennantClient({
      ...this.options,
      onError: (error: PennantClientError) => {
        this.options.onError?.(error);
        if (error.fatal && error.code !== 'CLOSED') {
          this.events.emit(ProviderEvents.Error, { message: error.message });
        }
      },
    } as PennantClientOptions);
    this.client = client;
    client.onChange((change) => {
      this.events.emit(ProviderEvents.ConfigurationChanged, {
        flagsChanged: [...change.added, ...change.removed].sort(),
      });
    });
    await client.ready;
    this.ready = true;
  }

  async onClose(): Promise<void> {
    await this.client?.close();
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): ResolutionDetails<boolean> {
    if (!this.client || !this.ready) {
      return {
        value: defaultValue,
        reason: 'ERROR',
        errorCode: ErrorCode.PROVIDER_NOT_READY,
        errorMessage: 'The session’s flags are not known yet.',
      };
    }
    return { value: this.client.isEnabled(flagKey), reason: 'STATIC' };
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string): ResolutionDetails<string> {
    return typeMismatch(flagKey, defaultValue, 'string');
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number): ResolutionDetails<number> {
    return typeMismatch(flagKey, defaultValue, 'number');
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    return typeMismatch(flagKey, defaultValue, 'object');
  }
}

function typeMismatch<T>(flagKey: string, defaultValue: T, type: string): ResolutionDetails<T> {
  return {
    value: defaultValue,
    reason: 'ERROR',
    errorCode: ErrorCode.TYPE_MISMATCH,
    errorMessage: `Pennant’s flags are boolean; "${flagKey}" was asked for as a ${type}.`,
  };
}

export { PennantClientError };
