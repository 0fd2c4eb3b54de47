import { graphql } from '../../gql';

export const ProgrammesQuery = graphql(`
  query Programmes($page: PageInput) {
    programmes(page: $page) {
      total
      limit
      offset
      items {
        id
        name
        forms
        kinds
        periodStart
        periodEnd
        curatorName
        orderNumber
        orderDate
      }
    }
  }
`);

export const ProgrammeQuery = graphql(`
  query Programme($id: ID!) {
    programme(id: $id) {
      id
      name
      forms
      kinds
      targetGroups
      periodStart
      periodEnd
      curatorName
      orderNumber
      orderDate
    }
  }
`);

export const CreateProgrammeMutation = graphql(`
  mutation CreateProgramme($input: ProgrammeInput!) {
    createProgramme(input: $input) {
      id
      name
    }
  }
`);

export const ParticipantsQuery = graphql(`
  query Participants($programmeId: ID!, $role: ParticipantRole, $page: PageInput) {
    participants(programmeId: $programmeId, role: $role, page: $page) {
      total
      limit
      offset
      items {
        id
        displayName
        anonymized
        category
        classOrPosition
        tags
        partnerId
        consents {
          id
          withdrawnOn
        }
      }
    }
  }
`);

/** A consent as the person card lists it (who gave it, for what, withdrawn when). */
export const ConsentFieldsFragment = graphql(`
  fragment ConsentFields on ParticipantConsent {
    id
    givenBy
    representativeName
    representativeRelation
    representativeDocument
    signedOn
    textVersion
    scopes
    withdrawnOn
  }
`);

export const ParticipantQuery = graphql(`
  query Participant($id: ID!) {
    participant(id: $id) {
      id
      programmeId
      role
      displayName
      anonymized
      anonymizedOn
      ageBand
      lastName
      firstName
      middleName
      birthDate
      category
      classOrPosition
      tags
      freeText
      email
      phone
      experienceYears
      specialGroups
      partnerId
      consents {
        ...ConsentFields
      }
    }
  }
`);

export const CreateParticipantMutation = graphql(`
  mutation CreateParticipant($input: CreateParticipantInput!) {
    createParticipant(input: $input) {
      id
      displayName
    }
  }
`);

export const WithdrawConsentMutation = graphql(`
  mutation WithdrawConsent($participantId: ID!) {
    withdrawConsent(participantId: $participantId) {
      id
      displayName
      anonymized
      anonymizedOn
      ageBand
      lastName
      firstName
      middleName
      birthDate
      classOrPosition
      tags
      freeText
      consents {
        ...ConsentFields
      }
    }
  }
`);

export const SuggestMatchesQuery = graphql(`
  query SuggestMatches($programmeId: ID!) {
    suggestMatches(programmeId: $programmeId) {
      programmeId
      form
      kind
      totalScore
      suggestions {
        mentorId
        menteeIds
        score
        type
        notes
        mentor {
          id
          displayName
        }
        mentees {
          id
          displayName
        }
        explanation {
          factor
          menteeId
          points
          text
        }
      }
      unmatched {
        menteeId
        text
        mentee {
          id
          displayName
        }
      }
      excludedMentors {
        mentorId
        reason
        text
      }
      base {
        mentees
        mentors
        freeMentees
        freeMentors
        withoutConsent
      }
    }
  }
`);

export const ConfirmPairsMutation = graphql(`
  mutation ConfirmPairs($programmeId: ID!, $pairs: [ConfirmPairInput!]!) {
    confirmPairs(programmeId: $programmeId, pairs: $pairs) {
      id
    }
  }
`);

export const PairsQuery = graphql(`
  query Pairs($programmeId: ID!) {
    pairs(programmeId: $programmeId) {
      id
      form
      kind
      startDate
      endDate
      score
      status
      progress {
        percent
        total
      }
      mentor {
        id
        displayName
      }
      mentees {
        id
        displayName
      }
    }
  }
`);

/** What the pair's card shows: the curator's page and the mentor's or mentee's own page alike. */
/** What the plan's table and its progress bar show: the card, a saved plan and a member's mark return the same. */
export const PairPlanFieldsFragment = graphql(`
  fragment PairPlanFields on MentoringPair {
    tasks {
      id
      title
      deadline
      done
      doneOn
      doneByName
      doneNote
    }
    progress {
      done
      total
      overdue
      percent
      labelRu
    }
  }
`);

/** The pair's planned meeting as the card and the planning form read it. */
export const PlannedMeetingFieldsFragment = graphql(`
  fragment PlannedMeetingFields on PlannedMeeting {
    id
    startsAt
    type
    place
    plannedByName
  }
`);

export const PairCardFieldsFragment = graphql(`
  fragment PairCardFields on MentoringPair {
    id
    programmeId
    form
    kind
    startDate
    endDate
    score
    status
    completedOn
    completionReason
    completionComment
    partnerAgreementInForce
    nextMeetingTypes
    extensions {
      from
      until
      on
      comment
    }
    programme {
      id
      name
      orderNumber
      orderDate
    }
    mentor {
      id
      displayName
      category
      classOrPosition
    }
    mentees {
      id
      displayName
      category
      classOrPosition
    }
    ...PairPlanFields
    meetings {
      id
      type
      date
      notes
      feedback
      recordedByName
    }
    plannedMeeting {
      ...PlannedMeetingFields
    }
  }
`);

export const PairQuery = graphql(`
  query Pair($id: ID!) {
    pair(id: $id) {
      ...PairCardFields
    }
  }
`);

export const SetPairPlanMutation = graphql(`
  mutation SetPairPlan($pairId: ID!, $tasks: [PlanTaskInput!]!) {
    setPairPlan(pairId: $pairId, tasks: $tasks) {
      id
      ...PairPlanFields
    }
  }
`);

export const MarkPlanTaskMutation = graphql(`
  mutation MarkPlanTask($input: MarkPlanTaskInput!) {
    markPlanTask(input: $input) {
      id
      ...PairPlanFields
    }
  }
`);

export const RecordMeetingMutation = graphql(`
  mutation RecordMeeting($input: RecordMeetingInput!) {
    recordMeeting(input: $input) {
      id
      type
      date
    }
  }
`);

export const CompletePairMutation = graphql(`
  mutation CompletePair($input: CompletePairInput!) {
    completePair(input: $input) {
      id
      status
      completedOn
      completionReason
      completionComment
      nextMeetingTypes
    }
  }
`);

export const ExtendPairMutation = graphql(`
  mutation ExtendPair($input: ExtendPairInput!) {
    extendPair(input: $input) {
      id
      endDate
      extensions {
        from
        until
        on
        comment
      }
    }
  }
`);

export const AddConsentMutation = graphql(`
  mutation AddConsent($participantId: ID!, $input: ConsentInput!) {
    addConsent(participantId: $participantId, input: $input) {
      id
      consents {
        ...ConsentFields
      }
    }
  }
`);

export const UpdateParticipantMutation = graphql(`
  mutation UpdateParticipant($id: ID!, $input: ParticipantDataInput!) {
    updateParticipant(id: $id, input: $input) {
      id
      displayName
    }
  }
`);

export const AddParticipantTagsMutation = graphql(`
  mutation AddParticipantTags($participantIds: [ID!]!, $tags: [String!]!) {
    addParticipantTags(participantIds: $participantIds, tags: $tags) {
      id
      tags
    }
  }
`);
