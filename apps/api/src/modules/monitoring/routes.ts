import type { ServerResponse } from 'node:http';
import { badUserInput, forbidden } from '../../engine/errors.js';
import type { GraphQLContext } from '../../engine/graphql/context.js';
import type { HttpRoute } from '../../engine/http/server.js';
import type { RenderedFile } from '../documents/rendered-file.js';
import { create as contentDisposition } from 'content-disposition';
import { seesWholeDistrict } from '../directory/scope.js';
import { MONITORING_MESSAGES_RU } from './monitoring.service.js';
import { dateTimeRu, mergeStatForm, renderDistrictNoteDocx, renderStatFormXlsx } from './reports.js';

function send(res: ServerResponse, file: RenderedFile): void {
  res.statusCode = 200;
  res.setHeader('content-type', file.contentType);
  res.setHeader('content-length', String(file.data.length));
  res.setHeader('content-disposition', contentDisposition(file.fileName));
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'private, no-store');
  res.end(file.data);
}

function exactPath(path: string): HttpRoute['match'] {
  return (pathname) => (pathname === path ? {} : null);
}

async function statForm(ctx: GraphQLContext, url: URL, timeZone: string): Promise<RenderedFile> {
  const monitoring = ctx.services.monitoring;
  const year = monitoring.checkYear(url.searchParams.get('academicYear') ?? '');
  const now = new Date();
  const regionId = url.searchParams.get('regionId');
  if (regionId) {
    // A region: the sums of its districts' snapshots (never the district schemas).
    if (!/^[0-9a-f-]{36}$/i.test(regionId)) throw badUserInput('regionId', 'Некорректный идентификатор региона.');
    monitoring.assertRegionAccess(ctx.actor, regionId);
    const { region, districts } = await monitoring.regionSnapshots(ctx.em, regionId, year);
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
      match: exactPath('/exports/stat-form.xlsx'),
      async handle({ res, url, context }) {
        send(res, await statForm(await context(), url, timeZone));
      },
    },
    {
      method: 'GET',
      match: exactPath('/exports/district-note.docx'),
      async handle({ res, url, context }) {
        send(res, await districtNote(await context(), url, timeZone));
      },
    },
    {
      method: 'GET',
      match: exactPath('/exports/swot.docx'),
      async handle({ res, url, context }) {
        const ctx = await context();
        const organizationId = url.searchParams.get('organizationId') ?? '';
        send(res, await ctx.services.swot.docx(ctx, organizationId, url.searchParams.get('academicYear') ?? '', url.searchParams.get('programmeId') || null));
      },
    },
  ];
}
