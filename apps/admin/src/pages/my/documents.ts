import { graphql } from '../../gql';

/** The mentor's or mentee's own pairs/groups, with the curator's card's selection (PairCardFields). */
export const MyPairsQuery = graphql(`
  query MyPairs {
    myPairs {
      ...PairCardFields
    }
  }
`);
