import { randomBytes } from 'node:crypto';
import {
  checkInput,
  defaultQuestionnaire,
  QUESTIONNAIRE_KINDS,
  questionnaireTemplateInputSchema,
  sameMeaning,
  type Question,
  type QuestionnaireKind,
} from '@nastavnik/domain';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../engine/clock.js';
import { badUserInput, badUserInputs, conflict, forbidden, notFound } from '../../engine/errors.js';
import type { EntityManager } from '../../engine/orm/create-orm.js';
import type { TenantServiceContext } from '../../engine/services.js';
import { forgetTenantReads, isUuid } from '../../engine/tenancy/tenant.js';
import { within } from '../directory/scope.js';
import type { Programme } from '../programmes/programme.entity.js';
import type { ProgrammeService } from '../programmes/programme.service.js';
import { managesOrganization, programmeDataScope } from '../programmes/scope.js';
import { QUESTIONNAIRE_API_MESSAGES_RU as M } from './messages.js';
import { QuestionnaireResponse, QuestionnaireTemplate } from './questionnaire.entity.js';

const newQuestionId = () => `q-${randomBytes(5).toString('hex')}`;

/** Creates the default templates a programme lacks (idempotent: the unique key skips existing ones). */
export async function ensureDefaultQuestionnaires(
  em: EntityManager,
  schemaName: string,
  programme: Pick<Programme, 'id' | 'organizationId'>,
  createdByName = 'Платформа',
): Promise<void> {
  const existing = await em
    .getConnection()
    .execute<Array<{ kind: string }>>(`select distinct kind from "${schemaName}"."questionnaire_template" where programme_id = ?`, [programme.id]);
  const have = new Set(existing.map((r) => r.kind));
  for (const kind of QUESTIONNAIRE_KINDS) {
    if (have.has(kind)) continue;
    const content = defaultQuestionnaire(kind);
    await em.execute(
      `insert into "${schemaName}"."questionnaire_template" ("id", "programme_id", "organization_id", "kind", "version", "is_current", "title", "intro", "questions", "created_by_name") values (?, ?, ?, ?, 1, true, ?, ?, ?::jsonb, ?) on conflict do nothing`,
      [uuidv7(), programme.id, programme.organizationId, kind, content.title, content.intro, JSON.stringify(content.questions), createdByName],
      'run',
    );
  }
}

/**
 * Questionnaire templates of a programme: the defaults for the five kinds, created on first use, and
 * versions (a version that has answers is never changed).
 */
export class QuestionnaireTemplateService {
  constructor(
    private readonly clock: Clock,
    private readonly programmes: ProgrammeService,
  ) {}

  /** Creates the default templates a programme lacks (idempotent). */
  ensureDefaults(em: EntityManager, schemaName: string, programme: Pick<Programme, 'id' | 'organizationId'>): Promise<void> {
    return ensureDefaultQuestionnaires(em, schemaName, programme);
  }

  async templates(ctx: TenantServiceContext, programmeId: string): Promise<QuestionnaireTemplate[]> {
    const programme = await this.programmes.get(ctx, programmeId, 'programmeId');
    await this.ensureDefaults(ctx.tenant.em, ctx.tenant.district.schemaName, programme);
    const rows = await ctx.tenant.em.find(QuestionnaireTemplate, { programmeId: programme.id, isCurrent: true });
    return rows.sort((a, b) => QUESTIONNAIRE_KINDS.indexOf(a.kind as QuestionnaireKind) - QUESTIONNAIRE_KINDS.indexOf(b.kind as QuestionnaireKind));
  }

  async template(ctx: TenantServiceContext, id: string, field?: string): Promise<QuestionnaireTemplate> {
    const template = isUuid(id)
      ? await ctx.tenant.em.findOne(QuestionnaireTemplate, within(programmeDataScope<QuestionnaireTemplate>(ctx.actor, ctx.tenant.district), { id }))
      : null;
    if (!template) throw field ? badUserInput(field, M.templateNotFound) : notFound(M.templateNotFound);
    return template;
  }

  /** The current version of a kind (the defaults created first if missing). */
  async currentTemplate(ctx: TenantServiceContext, programme: Programme, kind: QuestionnaireKind): Promise<QuestionnaireTemplate> {
    await this.ensureDefaults(ctx.tenant.em, ctx.tenant.district.schemaName, programme);
    return ctx.tenant.em.findOneOrFail(QuestionnaireTemplate, { programmeId: programme.id, kind, isCurrent: true });
  }

  /**
   * Edits the current version. Questions keep their id while their kind and options stay the same
   * (wording may change); otherwise they get a new id. A version that already has answers is never
   * changed: the edit becomes the next version.
   */
  async updateTemplate(
    ctx: TenantServiceContext,
    id: string,
    input: {
      title: string;
      intro?: string | null;
      questions: Array<{ id?: string | null; kind: string; text: string; required?: boolean | null; options?: string[] | null }>;
    },
  ): Promise<QuestionnaireTemplate> {
    const template = await this.template(ctx, id);
    if (!managesOrganization(ctx.actor, ctx.tenant.district, template.organizationId)) throw forbidden();
    if (!template.isCurrent) throw conflict(M.templateNotCurrent, 'STATE');
    // The shared schema (packages/domain, the domain's rule): every problem at once, in the admin's words.
    const checked = checkInput(questionnaireTemplateInputSchema, input);
    if (!checked.ok) throw badUserInputs(checked.issues);
    const previous = new Map(template.questions.map((q) => [q.id, q]));
    const used = new Set<string>();
    const questions: Question[] = checked.value.questions.map(({ id: oldId, ...question }) => {
      const candidate: Question = { id: '', ...question };
      const old = oldId ? previous.get(oldId) : undefined;
      candidate.id = old && !used.has(old.id) && sameMeaning(old, candidate) ? old.id : newQuestionId();
      used.add(candidate.id);
      return candidate;
    });
    const content = { title: checked.value.title, intro: checked.value.intro, questions };
    const answered = await ctx.tenant.em.count(QuestionnaireResponse, { templateId: template.id });
    const by = ctx.actor.displayName || ctx.actor.username;
    if (answered === 0) {
      Object.assign(template, content, { createdByName: by });
      await ctx.tenant.em.flush();
      return template;
    }
    const next = new QuestionnaireTemplate();
    Object.assign(next, {
      programmeId: template.programmeId,
      organizationId: template.organizationId,
      kind: template.kind,
      version: template.version + 1,
      isCurrent: true,
      ...content,
      createdByName: by,
      createdAt: this.clock.now(),
    });
    await ctx.tenant.em.transactional(async (em) => {
      await em.nativeUpdate(QuestionnaireTemplate, { id: template.id, isCurrent: true }, { isCurrent: false });
      em.persist(next);
      await em.flush();
    });
    forgetTenantReads(ctx.tenant);
    return ctx.tenant.em.findOneOrFail(QuestionnaireTemplate, { id: next.id });
  }
}

declare module '../../engine/graphql/context.js' {
  interface Services {
    questionnaireTemplates: QuestionnaireTemplateService;
  }
}
