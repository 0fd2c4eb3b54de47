import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { v7 as uuidv7 } from 'uuid';
import { Roadmap } from '../roadmaps/roadmap.entity.js';

/**
 * A roadmap item's link to a computed KPI, set by hand (issue 7). Like the execution marks it
 * belongs to the roadmap and the item's stable key, so it survives new revisions. `kpi` null: the
 * author cleared the link (no automatic suggestion either). Without a row the link is the one
 * suggested from the item's indicator text.
 */
@Entity({ schema: '*', tableName: 'roadmap_item_kpi_link' })
@Unique({ name: 'roadmap_item_kpi_link_roadmap_id_item_key_unique', properties: ['roadmap', 'itemKey'] })
export class RoadmapItemKpiLink {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Roadmap, { deleteRule: 'cascade' })
  roadmap!: Roadmap;

  @Property({ type: 'uuid' })
  itemKey!: string;

  @Property({ type: 'string', length: 40, nullable: true })
  kpi: string | null = null;

  @Property({ type: 'string', length: 2, nullable: true })
  op: string | null = null;

  @Property({ type: 'double', nullable: true })
  target: number | null = null;

  @Property({ type: 'string', length: 255 })
  setByUserId!: string;

  @Property({ type: 'string', length: 300 })
  setByName!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  setAt: Opt<Date> = new Date();
}
