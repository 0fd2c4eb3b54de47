import { graphql } from '../../gql';

export const QuestionnaireProgrammeQuery = graphql(`
  query QuestionnaireProgramme($id: ID!) {
    programme(id: $id) {
      id
      name
      organizationId
    }
  }
`);

/** A template as the admin shows and edits it: its questions in order. */
export const QuestionnaireTemplateFieldsFragment = graphql(`
  fragment QuestionnaireTemplateFields on QuestionnaireTemplate {
    id
    programmeId
    kind
    kindLabel
    title
    intro
    version
    isCurrent
    questions {
      id
      kind
      kindLabel
      text
      required
      options
    }
  }
`);

export const QuestionnaireTemplatesQuery = graphql(`
  query QuestionnaireTemplates($programmeId: ID!) {
    questionnaireTemplates(programmeId: $programmeId) {
      ...QuestionnaireTemplateFields
    }
  }
`);

export const QuestionnaireTemplateQuery = graphql(`
  query QuestionnaireTemplate($id: ID!) {
    questionnaireTemplate(id: $id) {
      ...QuestionnaireTemplateFields
    }
  }
`);

export const UpdateQuestionnaireTemplateMutation = graphql(`
  mutation UpdateQuestionnaireTemplate($id: ID!, $input: QuestionnaireTemplateInput!) {
    updateQuestionnaireTemplate(id: $id, input: $input) {
      ...QuestionnaireTemplateFields
    }
  }
`);

export const QuestionnaireStatusQuery = graphql(`
  query QuestionnaireStatus($programmeId: ID!, $kind: String!, $page: PageInput) {
    questionnaireStatus(programmeId: $programmeId, kind: $kind, page: $page) {
      total
      limit
      offset
      items {
        participantId
        displayName
        role
        entries {
          phase
          status
          issuedAt
          expiresAt
          submittedAt
          responseId
        }
      }
    }
  }
`);

export const QuestionnaireSummaryQuery = graphql(`
  query QuestionnaireSummary($programmeId: ID!, $kind: String!) {
    questionnaireSummary(programmeId: $programmeId, kind: $kind) {
      kind
      invited
      answered
      responseRate
      questions {
        questionId
        kind
        text
        answers
        average
        distribution {
          value
          count
        }
      }
      satisfaction {
        mentorAverage
        mentorResponses
        menteeAverage
        menteeResponses
      }
      impact {
        questionId
        text
        pairs
        beforeMean
        afterMean
        meanDelta
      }
    }
  }
`);

export const IssueQuestionnaireLinksMutation = graphql(`
  mutation IssueQuestionnaireLinks($input: IssueQuestionnaireLinksInput!) {
    issueQuestionnaireLinks(input: $input) {
      linkId
      participantId
      participantName
      pairId
      phase
      path
      expiresAt
    }
  }
`);

export const SendQuestionnaireLinksByEmailMutation = graphql(`
  mutation SendQuestionnaireLinksByEmail($input: IssueQuestionnaireLinksInput!) {
    sendQuestionnaireLinksByEmail(input: $input) {
      sent
      skipped
      skippedPeople {
        participantId
        participantName
        reason
      }
    }
  }
`);

export const RevokeQuestionnaireLinkMutation = graphql(`
  mutation RevokeQuestionnaireLink($linkId: ID!) {
    revokeQuestionnaireLink(linkId: $linkId)
  }
`);

export const RevokeQuestionnaireLinksMutation = graphql(`
  mutation RevokeQuestionnaireLinks($linkIds: [ID!]!) {
    revokeQuestionnaireLinks(linkIds: $linkIds)
  }
`);

export const SubmitQuestionnaireResponseMutation = graphql(`
  mutation SubmitQuestionnaireResponse($input: SubmitQuestionnaireInput!) {
    submitQuestionnaireResponse(input: $input) {
      id
      submittedAt
    }
  }
`);

export const QuestionnaireResponseQuery = graphql(`
  query QuestionnaireResponseView($id: ID!) {
    questionnaireResponse(id: $id) {
      id
      answeredBy
      source
      phase
      submittedAt
      enteredByName
      templateVersion
      answers {
        questionId
        questionText
        number
        scaleMax
        choices
        text
      }
    }
  }
`);

export const MyQuestionnairesQuery = graphql(`
  query MyQuestionnaires {
    myQuestionnaires {
      linkId
      kind
      kindLabel
      title
      intro
      phase
      expiresAt
      questions {
        id
        kind
        kindLabel
        text
        required
        options
      }
    }
  }
`);

export const SubmitMyQuestionnaireMutation = graphql(`
  mutation SubmitMyQuestionnaire($linkId: ID!, $answers: [QuestionnaireAnswerInput!]!) {
    submitMyQuestionnaire(linkId: $linkId, answers: $answers) {
      id
      submittedAt
    }
  }
`);
