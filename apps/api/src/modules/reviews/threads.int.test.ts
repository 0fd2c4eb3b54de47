import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { CREATE_CAMPAIGN, CREATE_ROADMAP, decide, fails, ok, roadmapWorld, throughDirector, type RoadmapWorld } from '../../test/roadmaps.js';

/**
 * Replies to review comments and their resolution (issue 15): the school answers the district's
 * remark, the curator (or the remark's author) marks it resolved, the district reopens it; the
 * revision counts the open remarks; nobody outside the roadmap reaches a comment.
 */
const COMMENTS = /* GraphQL */ `
  query ($id: ID!) {
    roadmapRevision(id: $id) {
      openCommentCount
      comments {
        id
        parentId
        body
        action
        authorName
        resolvedAt
        resolvedByName
        canReply
        canResolve
        canReopen
      }
    }
  }
`;
const REPLY = `mutation ($id: ID!, $body: String!) { replyToReviewComment(commentId: $id, body: $body) { id parentId body action revisionId itemKey } }`;
const RESOLVE = `mutation ($id: ID!) { resolveReviewComment(commentId: $id) { id resolvedAt resolvedByName } }`;
const REOPEN = `mutation ($id: ID!) { reopenReviewComment(commentId: $id) { id resolvedAt resolvedByName } }`;

let app: TestApp;
let sibay: RoadmapWorld;
let kursk: RoadmapWorld;
let revisionId: string;
let remarkId: string;

const comments = async (token: string) => (await ok<{ roadmapRevision: any }>(app, COMMENTS, token, { id: revisionId })).roadmapRevision;

beforeAll(async () => {
  app = await startTestApp({}, { today: '2025-09-15' });
  sibay = await roadmapWorld(app);
  kursk = await roadmapWorld(app);
  const campaignId = (
    await ok<{ createCampaign: any }>(app, CREATE_CAMPAIGN, sibay.tokens.officer, {
      input: { title: 'Дорожные карты на 2025/2026 учебный год', academicYear: '2025/2026', dueDate: '2025-09-20' },
    })
  ).createCampaign.id;
  const { createRoadmap } = await ok<{ createRoadmap: any }>(app, CREATE_ROADMAP, sibay.tokens.curator1, { input: { campaignId, programmeName: 'Вместе' } });
  const submitted = await throughDirector(app, sibay, createRoadmap.latestRevision);
  const reviewed = await decide(app, sibay.tokens.officer, submitted, 'COMMENT', { comment: 'Уточните сроки мероприятий' });
  revisionId = reviewed.id;
  remarkId = (await comments(sibay.tokens.officer)).comments[0].id;
});

afterAll(async () => {
  await app?.stop();
});

describe('review comment threads', () => {
  it('the curator replies; the reply hangs under the remark, on its revision; the remark stays open', async () => {
    const before = await comments(sibay.tokens.curator1);
    expect(before.openCommentCount).toBe(1);
    expect(before.comments[0]).toMatchObject({ canReply: true, canResolve: true, canReopen: false });

    const { replyToReviewComment: reply } = await ok<{ replyToReviewComment: any }>(app, REPLY, sibay.tokens.curator1, {
      id: remarkId,
      body: '  Сроки уточнены  ',
    });
    expect(reply).toMatchObject({ parentId: remarkId, body: 'Сроки уточнены', action: 'reply', revisionId, itemKey: null });
    // A reply to the reply joins the same thread (one level).
    const { replyToReviewComment: second } = await ok<{ replyToReviewComment: any }>(app, REPLY, sibay.tokens.officer, { id: reply.id, body: 'Спасибо' });
    expect(second.parentId).toBe(remarkId);

    const after = await comments(sibay.tokens.officer);
    expect(after.comments.map((c: any) => [c.body, c.parentId])).toEqual([
      ['Уточните сроки мероприятий', null],
      ['Сроки уточнены', remarkId],
      ['Спасибо', remarkId],
    ]);
    expect(after.openCommentCount).toBe(1);
    expect(after.comments[1]).toMatchObject({ canReply: true, canResolve: false, canReopen: false });
  });

  it('bad replies are refused with a Russian message naming the field', async () => {
    expect((await fails(app, REPLY, sibay.tokens.curator1, { id: remarkId, body: '   ' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    const tooLong = await fails(app, REPLY, sibay.tokens.curator1, { id: remarkId, body: 'я'.repeat(5001) });
    expect(tooLong.message).toBe('Ответ: не более 5000 символов');
  });

  it('the sibling school’s staff, another district and the coordinator cannot reply, resolve or reopen', async () => {
    const count = (await comments(sibay.tokens.officer)).comments.length;
    for (const token of [sibay.tokens.curator2, sibay.tokens.director2]) {
      expect((await fails(app, REPLY, token, { id: remarkId, body: 'Чужой ответ' })).extensions?.code).toBe('NOT_FOUND');
      expect((await fails(app, RESOLVE, token, { id: remarkId })).extensions?.code).toBe('NOT_FOUND');
    }
    expect((await fails(app, REPLY, kursk.tokens.officer, { id: remarkId, body: 'Чужой ответ' })).extensions?.code).toBe('NOT_FOUND');
    const viaHeader = await fails(app, RESOLVE, kursk.tokens.curator1, { id: remarkId }, { 'x-district-id': sibay.district.id });
    expect(viaHeader.extensions?.code).toBe('FORBIDDEN');
    // The coordinator reads a school's roadmap but takes no part in its review.
    const headers = { 'x-district-id': sibay.district.id };
    expect((await fails(app, REPLY, sibay.tokens.coordinator, { id: remarkId, body: 'Ответ' }, headers)).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(app, RESOLVE, sibay.tokens.coordinator, { id: remarkId }, headers)).extensions?.code).toBe('FORBIDDEN');
    const fresh = await comments(sibay.tokens.officer);
    expect(fresh.comments.length).toBe(count);
    expect(fresh.comments[0].resolvedAt).toBeNull();
  });

  it('the director (not an author, not the remark’s writer) cannot resolve; the curator can; then the officer reopens', async () => {
    expect((await fails(app, RESOLVE, sibay.tokens.director1, { id: remarkId })).extensions?.code).toBe('FORBIDDEN');
    // The school cannot reopen; resolving a reply is refused.
    const replyId = (await comments(sibay.tokens.officer)).comments[1].id;
    expect((await fails(app, RESOLVE, sibay.tokens.curator1, { id: replyId })).extensions).toMatchObject({ code: 'BAD_USER_INPUT' });

    const { resolveReviewComment: resolved } = await ok<{ resolveReviewComment: any }>(app, RESOLVE, sibay.tokens.curator1, { id: remarkId });
    expect(resolved.resolvedAt).toBeTruthy();
    expect(resolved.resolvedByName).toBeTruthy();
    expect((await fails(app, RESOLVE, sibay.tokens.officer, { id: remarkId })).extensions?.code).toBe('CONFLICT');
    const view = await comments(sibay.tokens.officer);
    expect(view.openCommentCount).toBe(0);
    expect(view.comments[0]).toMatchObject({ canReply: true, canResolve: false, canReopen: true });
    expect((await comments(sibay.tokens.curator1)).comments[0].canReopen).toBe(false);

    expect((await fails(app, REOPEN, sibay.tokens.curator1, { id: remarkId })).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(app, REOPEN, sibay.tokens.director1, { id: remarkId })).extensions?.code).toBe('FORBIDDEN');
    const { reopenReviewComment: reopened } = await ok<{ reopenReviewComment: any }>(app, REOPEN, sibay.tokens.officer, { id: remarkId });
    expect(reopened).toMatchObject({ resolvedAt: null, resolvedByName: null });
    expect((await comments(sibay.tokens.curator1)).openCommentCount).toBe(1);
    // The remark's author may resolve it too.
    await ok(app, RESOLVE, sibay.tokens.officer, { id: remarkId });
    expect((await comments(sibay.tokens.head)).openCommentCount).toBe(0);
  });
});
