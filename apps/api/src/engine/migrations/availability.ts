import { AppError } from '../errors.js';
import type { MikroORM } from '../orm/create-orm.js';

export interface UnavailableDistrict {
  id: string;
  code: string;
  error: string;
}

/**
 * The districts this process must not serve: their schema's migration failed at start-up (or at the
 * last run), so their tables are not what the code expects. Kept in memory per ORM, set by each
 * migration run: checking it costs no statement per request.
 */
const unavailable = new WeakMap<MikroORM, Map<string, UnavailableDistrict>>();

export const DISTRICT_UNAVAILABLE_MESSAGE_RU =
  'Данные этого муниципалитета временно недоступны: не удалось обновить структуру его базы данных. Обратитесь к администратору платформы.';

export function setUnavailableDistricts(orm: MikroORM, districts: UnavailableDistrict[]): void {
  unavailable.set(orm, new Map(districts.map((district) => [district.id, district])));
}

export function unavailableDistricts(orm: MikroORM): UnavailableDistrict[] {
  return [...(unavailable.get(orm)?.values() ?? [])];
}

/** Before a request touches a district's schema: 503 SERVICE_UNAVAILABLE (Russian) instead of SQL errors on tables that are not there. */
export function assertDistrictServing(orm: MikroORM, districtId: string): void {
  if (unavailable.get(orm)?.has(districtId)) {
    throw new AppError('SERVICE_UNAVAILABLE', DISTRICT_UNAVAILABLE_MESSAGE_RU, { http: { status: 503 } });
  }
}
