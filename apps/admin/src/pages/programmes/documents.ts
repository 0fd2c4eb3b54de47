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
        consents {
          id
          withdrawnOn
        }
      }
    }
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
      consents {
        id
        givenBy
        representativeName
        representativeRelation
        representativeDocument
        signedOn
        textVersion
        withdrawnOn
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
        id
        givenBy
        representativeName
        representativeRelation
        representativeDocument
        signedOn
        textVersion
        withdrawnOn
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
