import { graphql } from '../../gql';

/**
 * The mentor's or mentee's own pairs/groups, with the curator's card's selection (PairCardFields),
 * plus the other members' contacts as the personal-data table allows (`contactsVisible`) and the
 * programme's curator to turn to otherwise.
 */
export const MyPairsQuery = graphql(`
  query MyPairs {
    myPairs {
      ...PairCardFields
      programme {
        id
        curatorName
      }
      mentor {
        id
        email
        phone
        contactsVisible
      }
      mentees {
        id
        email
        phone
        contactsVisible
      }
    }
  }
`);
