/**
 * The network's map as search needs it (alliances and provinces of holding libraries, distances
 * to the nearest holding library), read from the network module and kept for a minute: the
 * directory changes rarely and is small.
 */
import { ReadEvery } from './read-every.js';
import type { Queryable } from '../../../platform/db/index.js';
import { networkMap, type AllianceName, type PlacedLibrary } from '../../network/index.js';

export interface NetworkPlaces {
  libraries: Map<number, PlacedLibrary>;
  bySymbol: Map<string, PlacedLibrary>;
  alliances: Map<number, AllianceName>;
  allianceByCode: Map<string, AllianceName>;
  /** Library ids per alliance id, and per province. */
  membersOf: Map<number, number[]>;
  inProvince: Map<string, number[]>;
}

const TTL_MS = 60_000;

export class NetworkPlacesCache {
  private readonly map = new ReadEvery(() => this.load(), TTL_MS);

  constructor(private readonly db: Queryable) {}

  /** The same object until it is read again, so answers kept with it can tell when it changed. */
  get(): Promise<NetworkPlaces> {
    return this.map.current();
  }

  /** Forget the map (the directory changed, or a test changed it). */
  clear(): void {
    this.map.forget();
  }

  private async load(): Promise<NetworkPlaces> {
    const map = await networkMap(this.db);
    const membersOf = new Map<number, number[]>();
    const inProvince = new Map<string, number[]>();
    for (const l of map.libraries) {
      for (const a of l.allianceIds) membersOf.set(a, [...(membersOf.get(a) ?? []), l.id]);
      inProvince.set(l.province, [...(inProvince.get(l.province) ?? []), l.id]);
    }
    return {
      libraries: new Map(map.libraries.map((l) => [l.id, l])),
      bySymbol: new Map(map.libraries.map((l) => [l.symbol, l])),
      alliances: new Map(map.alliances.map((a) => [a.id, a])),
      allianceByCode: new Map(map.alliances.map((a) => [a.code, a])),
      membersOf,
      inProvince,
    };
  }
}

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
