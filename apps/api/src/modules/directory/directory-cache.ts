import type { EventSubscriber } from '@mikro-orm/core';
import type { Grant } from '@nastavnik/domain';
import { LRUCache } from 'lru-cache';
import type { ResolvedGrant } from '../../engine/auth/actor.js';
import { startChangeListener, type ChangeListener } from '../../engine/database/change-listener.js';
import type { Logger } from '../../engine/logging.js';
import type { EntityManager, MikroORM } from '../../engine/orm/create-orm.js';
import type { TenantDirectory, TenantDistrict } from '../../engine/tenancy/tenant.js';
import { District } from './district.entity.js';
import { resolveGrants } from './grants.js';
import { Organization } from './organization.entity.js';
import { PartnerOrganization } from './partner-organization.entity.js';
import { Region } from './region.entity.js';
import { tenantDirectory } from './tenant-directory.js';

/** Announced by the triggers of Migration20261205000000DirectoryNotify on every directory change. */
export const DIRECTORY_CHANNEL = 'nastavnik_directory';

/**
 * Bounds. An entry for a set of grants is one per distinct set of groups in the tokens (about one
 * per school, district or partner in use: tens of thousands nationwide, far fewer on one replica),
 * about half a kilobyte each, so 20,000 keep the working set within ~10 MB; a miss costs at most
 * three indexed statements. Districts: 5,000 hold all of them (2,300 at the scale of issue 14).
 */
const MAX_GRANT_SETS = 20_000;
const MAX_DISTRICTS = 5_000;
const MAX_REGIONS = 1_000;

/** Wrapped so that «absent» (null) can be cached too. */
type Entry<T> = { value: T };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * What building an actor reads from the `core` directory (its grants resolved to ids, districts
 * with their schema names), kept in the process so that a request reads nothing while the directory
 * has not changed. Kept only while the LISTEN connection is up: every NOTIFY from the directory's
 * triggers (any replica, any tool) and every loss or restart of that connection drop it all, and the
 * API's own ORM writes to the directory drop it at once, before their NOTIFY comes back. A value
 * read while the cache was dropped is not stored (generation check), so a revoked grant stops working
 * on the first request after the notification. Values are frozen: they are shared by requests.
 */
export class DirectoryCache {
  private generation = 0;
  private live = false;
  private listener: ChangeListener | null = null;
  private readonly grantSets = new LRUCache<string, Entry<readonly ResolvedGrant[]>>({ max: MAX_GRANT_SETS });
  private readonly districts = new LRUCache<string, Entry<TenantDistrict | null>>({ max: MAX_DISTRICTS });
  private readonly regionDistricts = new LRUCache<string, Entry<readonly TenantDistrict[]>>({ max: MAX_REGIONS });
  /** Invalidations so far (tests wait for a replica's NOTIFY with it). */
  invalidations = 0;

  /** Listens for directory changes and drops the cache on the API's own directory writes. */
  async start(orm: MikroORM, options: { connectionString: string; logger: Logger }): Promise<void> {
    orm.em.getEventManager().registerSubscriber(this.subscriber());
    this.listener = await startChangeListener({
      connectionString: options.connectionString,
      channel: DIRECTORY_CHANNEL,
      logger: options.logger,
      onNotify: () => this.invalidate(),
      onListening: (listening) => {
        this.live = listening;
        this.invalidate();
      },
    });
  }

  async stop(): Promise<void> {
    await this.listener?.stop();
    this.listener = null;
  }

  /** Whether entries are kept (the change channel is up). */
  get listening(): boolean {
    return this.live;
  }

  /** The listening session's backend pid (tests end it). */
  get listenerPid(): number | null {
    return this.listener?.backendPid ?? null;
  }

  invalidate(): void {
    this.generation++;
    this.invalidations++;
    this.grantSets.clear();
    this.districts.clear();
    this.regionDistricts.clear();
  }

  private async cached<T>(cache: LRUCache<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
    if (!this.live) return load();
    const hit = cache.get(key);
    if (hit) return hit.value;
    const generation = this.generation;
    const value = deepFreeze(await load());
    if (this.live && generation === this.generation) cache.set(key, { value });
    return value;
  }

  /** `resolveGrants` (grants.ts), cached per set of grants. */
  readonly resolveGrants = (em: () => EntityManager, grants: readonly Grant[]): Promise<ResolvedGrant[]> =>
    this.cached(this.grantSets, JSON.stringify(grants), () => resolveGrants(em(), grants)) as Promise<ResolvedGrant[]>;

  /** `tenantDirectory` (tenant-directory.ts), cached per district and per region. */
  readonly tenantDirectory: TenantDirectory<() => EntityManager> = {
    districtById: (em, id) => this.cached(this.districts, id, () => tenantDirectory.districtById(em(), id)),
    districtsOfRegions: async (em, regionIds) => {
      const lists = await Promise.all(
        regionIds.map((regionId) => this.cached(this.regionDistricts, regionId, () => tenantDirectory.districtsOfRegions(em(), [regionId]))),
      );
      return lists.flat();
    },
    districtsByIds: async (em, ids) => {
      const found = await Promise.all(ids.map((id) => this.tenantDirectory.districtById(em, id)));
      return found.filter((district): district is TenantDistrict => district !== null);
    },
  };

  /**
   * The API's own writes: dropped when the ORM writes a directory entity (inside the flush) and again
   * when that transaction commits, so a value read in between is not kept either.
   */
  private subscriber(): EventSubscriber {
    let written = false;
    const changed = () => {
      written = true;
      this.invalidate();
    };
    return {
      getSubscribedEntities: () => [Region, District, Organization, PartnerOrganization],
      afterCreate: changed,
      afterUpdate: changed,
      afterUpsert: changed,
      afterDelete: changed,
      afterTransactionCommit: () => {
        if (!written) return;
        written = false;
        this.invalidate();
      },
    };
  }
}
