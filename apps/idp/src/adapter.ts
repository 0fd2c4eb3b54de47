import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  value: unknown;
  expiresAt: number;
}

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/**
 * In-memory storage for one provider instance (oidc-provider's built-in memory adapter shares a
 * 1000-entry LRU across every provider of the process and warns on start). State is lost on
 * restart, as the embedded provider intends.
 */
export class InstanceStore {
  readonly #entries = new Map<string, Entry>();
  #writes = 0;

  get(key: string): unknown {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: unknown, expiresInSeconds?: number): void {
    const expiresAt = typeof expiresInSeconds === 'number' ? Date.now() + expiresInSeconds * 1000 : Infinity;
    this.#entries.set(key, { value, expiresAt });
    if (++this.#writes % 500 === 0) this.sweep();
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }

  adapterFactory(): (model: string) => Adapter {
    return (model: string) => new InstanceAdapter(model, this);
  }
}

class InstanceAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: InstanceStore,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const key = this.key(id);
    this.store.set(key, payload, expiresIn);
    if (this.model === 'Session' && payload.uid) this.store.set(`sessionUid:${payload.uid}`, id, expiresIn);
    if (payload.userCode) this.store.set(`userCode:${payload.userCode}`, id, expiresIn);
    if (GRANTABLE.has(this.model) && payload.grantId) {
      const grantKey = `grant:${payload.grantId}`;
      const members = (this.store.get(grantKey) as Set<string> | undefined) ?? new Set<string>();
      members.add(key);
      this.store.set(grantKey, members, Math.max(expiresIn ?? 0, 2 * 24 * 3600));
    }
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.store.get(this.key(id)) as AdapterPayload | undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = this.store.get(`sessionUid:${uid}`) as string | undefined;
    return id ? this.find(id) : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = this.store.get(`userCode:${userCode}`) as string | undefined;
    return id ? this.find(id) : undefined;
  }

  async consume(id: string): Promise<void> {
    const payload = this.store.get(this.key(id)) as AdapterPayload | undefined;
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.store.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const grantKey = `grant:${grantId}`;
    const members = this.store.get(grantKey) as Set<string> | undefined;
    for (const key of members ?? []) this.store.delete(key);
    this.store.delete(grantKey);
  }
}
