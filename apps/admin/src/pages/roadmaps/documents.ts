/** The GraphQL operations of the roadmap screens (typed by codegen from apps/api/schema.graphql). */
import { graphql } from '../../gql';

export const CommentFieldsFragment = graphql(`
  fragment CommentFields on ReviewComment {
    id
    body
    itemKey
    revisionId
    revisionNumber
    authorName
    authorPosition
    authorRole
    action
    createdAt
    parentId
    resolvedAt
    resolvedByName
    canReply
    canResolve
    canReopen
  }
`);

export const ItemFieldsFragment = graphql(`
  fragment ItemFields on RoadmapItem {
    id
    key
    sectionKey
    number
    activity
    content
    deadlineText
    responsible
    expectedResult
    indicator
    deadline {
      kind
      original
      description
      reason
      due
    }
    nextDueDate
    done
    overdue
    execution {
      id
      done
      doneOn
      documentNumber
      documentDate
      note
      url
      markedAt
      markedByName
      attachment {
        id
        fileName
        size
        url
      }
    }
    # The comment fields inline: graphql-armor counts each fragment spread as two levels of the
    # API's depth limit (10), and RevisionView reaches items' comments through two spreads already.
    comments {
      id
      body
      itemKey
      revisionId
      revisionNumber
      authorName
      authorPosition
      authorRole
      action
      createdAt
      parentId
      resolvedAt
      resolvedByName
      canReply
      canResolve
      canReopen
    }
  }
`);

export const RevisionFullFragment = graphql(`
  fragment RevisionFull on RoadmapRevision {
    id
    number
    state
    stateLabel
    version
    editable
    inForce
    allowedActions
    itemsCount
    title
    programmeName
    periodStart
    periodEnd
    createdAt
    createdByName
    updatedAt
    approval {
      position
      organization
      name
      date
      orderNumber
      orderDate
    }
    agreement {
      position
      authority
      name
      date
    }
    basedOn {
      id
      number
      comments {
        ...CommentFields
      }
    }
    supersedes {
      id
      number
    }
    comments {
      ...CommentFields
    }
    openCommentCount
    warnings {
      field
      message
      severity
    }
    sections {
      id
      key
      title
      task
      result
      items {
        ...ItemFields
      }
    }
  }
`);

export const RoadmapHeadFragment = graphql(`
  fragment RoadmapHead on Roadmap {
    id
    level
    title
    programmeName
    latestRevision {
      id
      number
      state
      stateLabel
      version
    }
    inForceRevision {
      id
      number
      state
    }
    revisions {
      id
      number
      state
      stateLabel
      createdAt
      createdByName
      updatedAt
      inForce
      basedOn {
        id
        number
      }
    }
    execution {
      itemsCount
      doneCount
      overdueCount
    }
  }
`);

export const RoadmapViewQuery = graphql(`
  query RoadmapView($id: ID!) {
    roadmap(id: $id) {
      ...RoadmapHead
      organization {
        id
        shortName
        name
        district {
          id
          name
          authorityName
        }
      }
      campaign {
        id
        title
        dueDate
        academicYear
      }
    }
  }
`);

export const RevisionViewQuery = graphql(`
  query RevisionView($id: ID!) {
    roadmapRevision(id: $id) {
      ...RevisionFull
      roadmap {
        id
      }
    }
  }
`);

export const RevisionHistoryQuery = graphql(`
  query RevisionHistory($id: ID!) {
    roadmapRevision(id: $id) {
      id
      number
      events {
        id
        action
        actionLabel
        role
        userName
        userPosition
        at
        fromState
        toState
        comment
        itemKey
        summary
        changedFields
        versionAfter
        approval {
          position
          organization
          name
          date
          orderNumber
          orderDate
        }
        agreement {
          position
          authority
          name
          date
        }
      }
      sections {
        id
        items {
          id
          key
          number
          activity
        }
      }
    }
  }
`);

export const SaveRevisionMutation = graphql(`
  mutation SaveRoadmapRevision($input: SaveRoadmapRevisionInput!) {
    saveRoadmapRevision(input: $input) {
      ...RevisionFull
    }
  }
`);

export const DecideMutation = graphql(`
  mutation DecideRoadmap($input: RoadmapDecisionInput!) {
    decideRoadmap(input: $input) {
      ...RevisionFull
      roadmap {
        ...RoadmapHead
      }
    }
  }
`);

export const MarkItemDoneMutation = graphql(`
  mutation MarkItemDone($input: MarkItemDoneInput!) {
    markItemDone(input: $input) {
      ...ItemFields
    }
  }
`);

export const UndoItemDoneMutation = graphql(`
  mutation UndoItemDone($itemId: ID!) {
    undoItemDone(itemId: $itemId) {
      ...ItemFields
    }
  }
`);

export const DiffItemFieldsFragment = graphql(`
  fragment DiffItemFields on DiffItem {
    key
    section
    number
    activity
    content
    deadlineText
    responsible
    expectedResult
    indicator
  }
`);

export const RevisionDiffQuery = graphql(`
  query RevisionDiff($from: ID!, $to: ID!) {
    revisionDiff(fromRevisionId: $from, toRevisionId: $to) {
      itemsAdded {
        ...DiffItemFields
      }
      itemsRemoved {
        ...DiffItemFields
      }
      itemsChanged {
        before {
          ...DiffItemFields
        }
        after {
          ...DiffItemFields
        }
        changes {
          field
          before
          after
        }
      }
      sectionsAdded {
        key
        title
      }
      sectionsRemoved {
        key
        title
      }
      sectionsChanged {
        before {
          key
          title
        }
        after {
          key
          title
        }
        changes {
          field
          before
          after
        }
      }
      unchangedItems
    }
  }
`);

export const CampaignsQuery = graphql(`
  query Campaigns($page: PageInput, $withSchools: Boolean!) {
    campaigns(page: $page) {
      total
      limit
      offset
      items {
        id
        title
        academicYear
        dueDate
        pastDue
        allOrganizations
        organizations {
          id
          shortName
        }
        counts {
          total
          notStarted
          draft
          withDirector
          submitted
          returned
          agreed
          overdue
        }
        schools(page: { limit: 20 }) @include(if: $withSchools) {
          items {
            organizationId
            status
            overdue
            organization {
              id
              shortName
            }
            roadmap {
              id
            }
            latestRevision {
              id
              number
              state
            }
          }
        }
      }
    }
  }
`);

export const CampaignPageQuery = graphql(`
  query CampaignPage($id: ID!, $filter: CampaignSchoolFilter, $page: PageInput) {
    campaign(id: $id) {
      id
      title
      academicYear
      dueDate
      pastDue
      periodStart
      periodEnd
      allOrganizations
      createdAt
      createdByName
      counts {
        total
        notStarted
        draft
        withDirector
        submitted
        returned
        agreed
        overdue
      }
      schools(filter: $filter, page: $page) {
        total
        limit
        offset
        items {
          organizationId
          status
          overdue
          hasAgreedRevision
          organization {
            id
            shortName
            name
          }
          roadmap {
            id
          }
          latestRevision {
            id
            number
            state
            stateLabel
            updatedAt
          }
          lastReminder {
            id
            remindedAt
            remindedByName
          }
        }
      }
    }
  }
`);

export const RemindCampaignSchoolsMutation = graphql(`
  mutation RemindCampaignSchools($campaignId: ID!, $organizationIds: [ID!]!) {
    remindCampaignSchools(campaignId: $campaignId, organizationIds: $organizationIds) {
      id
      organizationId
      remindedAt
      remindedByName
    }
  }
`);

export const ReplyToReviewCommentMutation = graphql(`
  mutation ReplyToReviewComment($commentId: ID!, $body: String!) {
    replyToReviewComment(commentId: $commentId, body: $body) {
      id
    }
  }
`);

export const ResolveReviewCommentMutation = graphql(`
  mutation ResolveReviewComment($commentId: ID!) {
    resolveReviewComment(commentId: $commentId) {
      id
      resolvedAt
      resolvedByName
    }
  }
`);

export const ReopenReviewCommentMutation = graphql(`
  mutation ReopenReviewComment($commentId: ID!) {
    reopenReviewComment(commentId: $commentId) {
      id
      resolvedAt
      resolvedByName
    }
  }
`);

export const CreateCampaignMutation = graphql(`
  mutation CreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      id
      title
    }
  }
`);

export const CampaignOrganizationsQuery = graphql(`
  query CampaignOrganizations($districtId: ID!) {
    organizations(filter: { districtId: $districtId }, page: { limit: 100 }) {
      total
      items {
        id
        shortName
        name
      }
    }
  }
`);

export const NewRoadmapContextQuery = graphql(`
  query NewRoadmapContext($campaignId: ID!) {
    campaign(id: $campaignId) {
      id
      title
      academicYear
      periodStart
      periodEnd
      dueDate
      schools(page: { limit: 100 }) {
        items {
          organizationId
          status
          organization {
            id
            shortName
          }
          roadmap {
            id
          }
        }
      }
    }
    roadmaps(page: { limit: 100 }) {
      items {
        id
        title
        organization {
          id
        }
        campaign {
          id
        }
        latestRevision {
          id
          periodStart
          periodEnd
        }
      }
    }
  }
`);

export const CreateRoadmapMutation = graphql(`
  mutation CreateRoadmap($input: CreateRoadmapInput!) {
    createRoadmap(input: $input) {
      id
      latestRevision {
        id
      }
    }
  }
`);

export const RoadmapsListQuery = graphql(`
  query RoadmapsList($page: PageInput, $filter: RoadmapFilter) {
    roadmaps(page: $page, filter: $filter) {
      total
      limit
      offset
      items {
        id
        level
        title
        organization {
          id
          shortName
        }
        campaign {
          id
          title
        }
        latestRevision {
          id
          number
          state
          updatedAt
        }
        inForceRevision {
          id
          number
        }
      }
    }
  }
`);

export const InboxQuery = graphql(`
  query Inbox {
    inbox {
      total
      toApprove {
        ...InboxRevision
      }
      toReview {
        ...InboxRevision
      }
      toSign {
        ...InboxRevision
      }
      returned {
        ...InboxRevision
      }
      deadlines {
        kind
        dueDate
        daysLeft
        title
        campaignId
        roadmapId
        itemId
        notSubmittedCount
        organization {
          id
          shortName
        }
        item {
          id
          key
          number
        }
      }
      reminders {
        id
        remindedAt
        remindedByName
        campaign {
          id
          title
          dueDate
        }
        organization {
          id
          shortName
        }
      }
    }
  }
`);

export const InboxRevisionFragment = graphql(`
  fragment InboxRevision on RoadmapRevision {
    id
    number
    state
    updatedAt
    title
    periodStart
    periodEnd
    supersedes {
      id
      number
    }
    roadmap {
      id
      level
      title
      organization {
        id
        shortName
      }
    }
  }
`);

export const InboxCountQuery = graphql(`
  query InboxCount {
    inbox {
      total
    }
  }
`);

/** What to refetch after a decision or an edit: the lists that show states and counts. */
export const AFTER_DECISION = ['InboxCount', 'Inbox', 'CampaignPage', 'Campaigns', 'RoadmapsList', 'RevisionHistory'];

export const DistrictSettingsQuery = graphql(`
  query DistrictSettings {
    districtSettings {
      whoAgrees
      updatedAt
      updatedByName
    }
  }
`);

export const SetDistrictSettingsMutation = graphql(`
  mutation SetDistrictSettings($whoAgrees: WhoAgrees!) {
    setDistrictSettings(whoAgrees: $whoAgrees) {
      whoAgrees
      updatedAt
      updatedByName
    }
  }
`);

/** The district's education authority: the organisation of «УТВЕРЖДАЮ» on the district's own roadmap. */
export const DistrictAuthorityQuery = graphql(`
  query DistrictAuthority($id: ID!) {
    district(id: $id) {
      id
      name
      authorityName
    }
  }
`);

export const RoadmapDraftQuery = graphql(`
  query RoadmapDraft($roadmapId: ID!) {
    roadmapDraft(roadmapId: $roadmapId) {
      id
      revisionId
      baseVersion
      content
      updatedAt
    }
  }
`);

export const SaveRoadmapDraftMutation = graphql(`
  mutation SaveRoadmapDraft($input: SaveRoadmapDraftInput!) {
    saveRoadmapDraft(input: $input) {
      id
      updatedAt
    }
  }
`);

export const DiscardRoadmapDraftMutation = graphql(`
  mutation DiscardRoadmapDraft($roadmapId: ID!) {
    discardRoadmapDraft(roadmapId: $roadmapId)
  }
`);
