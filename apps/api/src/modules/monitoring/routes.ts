import { forbidden } from '../../engine/errors.js';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import { sendFile, UUID_SCHEMA, type HttpRoute } from '../../engine/http/routes.js';
import type { RenderedFile } from '../documents/rendered-file.js';
import { MONITORING_MESSAGES_RU } from './messages.js';
import { dateTimeRu, mergeStatForm, renderDistrictNoteDocx, renderStatFormXlsx } from './reports.js';
import { seesWholeDistrict } from '../directory/scope.js';

async function statForm(ctx: GraphQLContext, url: URL, timeZone: string): Promise<RenderedFile> {
  const monitoring = ctx.services.monitoring;
  const year = monitoring.checkYear(url.searchParams.get('academicYear') ?? '');
  const now = new Date();
  const regionId = url.searchParams.get('regionId');
  if (regionId) {
    // A region (a UUID: the route's schema): the sums of its districts' snapshots (never the district schemas).
    monitoring.snapshots.assertRegionAccess(ctx.actor, regionId);
    const { region, districts } = await monitoring.snapshots.regionSnapshots(ctx.em, regionId, year);
    const snapshots = districts.flatMap((d) => (d.snapshot ? [d.snapshot] : []));
    const oldest = snapshots.length ? new Date(Math.min(...snapshots.map((s) => s.asOf.getTime()))) : null;
    return renderStatFormXlsx({
      ownerName: region.name,
      academicYear: year,
      counts: mergeStatForm(snapshots.flatMap((s) => s.statForm)),
      asOfRu: oldest ? dateTimeRu(oldest, timeZone) : 'нет сводок',
      sourceRu: `сводки муниципалитетов: ${snapshots.length} из ${districts.length}`,
      now,
    });
  }
  const tenant = ctx.tenant;
  if (!seesWholeDistrict(ctx.actor, tenant.district)) throw forbidden(MONITORING_MESSAGES_RU.dashboardForbidden);
  const [counts, names] = await Promise.all([
    monitoring.statFormCounts(tenant.em.getConnection(), tenant.district, year),
    ctx.em.getConnection().execute<{ name: string }[]>(`select name from "core"."district" where id = ?`, [tenant.district.id]),
  ]);
  return renderStatFormXlsx({
    ownerName: names[0]?.name ?? '',
    academicYear: year,
    counts,
    asOfRu: dateTimeRu(now, timeZone),
    sourceRu: 'данные платформы',
    now,
  });
}

async function districtNote(ctx: GraphQLContext, url: URL, timeZone: string): Promise<RenderedFile> {
  const monitoring = ctx.services.monitoring;
  const year = monitoring.checkYear(url.searchParams.get('academicYear') ?? '');
  const tenant = ctx.tenant;
  if (!seesWholeDistrict(ctx.actor, tenant.district)) throw forbidden(MONITORING_MESSAGES_RU.dashboardForbidden);
  const [figures, names] = await Promise.all([
    monitoring.districtFigures(tenant.em.getConnection(), tenant.district, year),
    ctx.em
      .getConnection()
      .execute<{ name: string; authority_name: string }[]>(`select name, authority_name from "core"."district" where id = ?`, [tenant.district.id]),
  ]);
  return renderDistrictNoteDocx({
    districtName: names[0]?.name ?? '',
    authorityName: names[0]?.authority_name ?? '',
    academicYear: year,
    asOfRu: dateTimeRu(new Date(), timeZone),
    figures,
  });
}

/**
 * Monitoring reports over REST, with the same Bearer token and X-District-Id rules as /exports:
 *
 *   GET /exports/stat-form.xlsx?academicYear=2025/2026[&regionId=<id>]   the statistical form (district live; region from snapshots)
 *   GET /exports/district-note.docx?academicYear=2025/2026                the district's information-analytical note
 *   GET /exports/swot.docx?organizationId=<id>&academicYear=2025/2026[&programmeId=<id>]   a school's SWOT form (modules/swot)
 */
export function monitoringRoutes(timeZone: string): HttpRoute[] {
  return [
    {
      method: 'GET',
      url: '/exports/stat-form.xlsx',
      schema: { querystring: { type: 'object', properties: { regionId: UUID_SCHEMA } } },
      async handle({ reply, url, context }) {
        sendFile(reply, await statForm(await context(), url, timeZone));
      },
    },
    {
      method: 'GET',
      url: '/exports/district-note.docx',
      async handle({ reply, url, context }) {
        sendFile(reply, await districtNote(await context(), url, timeZone));
      },
    },
    {
      method: 'GET',
      url: '/exports/swot.docx',
      schema: { querystring: { type: 'object', properties: { organizationId: UUID_SCHEMA, programmeId: UUID_SCHEMA } } },
      async handle({ reply, url, context }) {
        const ctx = await context();
        const organizationId = url.searchParams.get('organizationId') ?? '';
        sendFile(
          reply,
          await ctx.services.swot.docx(ctx, organizationId, url.searchParams.get('academicYear') ?? '', url.searchParams.get('programmeId') || null),
        );
      },
    },
  ];
}
