import { ErrorFields } from "../../graphql/error-fields.ts";
import { graphql } from "../../graphql/graphql.ts";

export const PreferencesFields = graphql(`
  fragment PreferencesFields on NotificationPreferences @_unmask {
    subscriptions {
      topicId
      areaId
      channel
    }
    email
    emailVerified
    smsPhone
    smsPhoneVerified
    pendingSmsPhone
    quietHoursStart
    quietHoursEnd
    reminderChannels
    paymentChannels
    submissionChannels
    pushDevices {
      id
      userAgent
      createdAt
      lastSuccessAt
    }
    officialDelivery
    officialDeliveryAddress
  }
`);

/** Everything the preferences page shows; the topics and areas are public, the rest the signed-in citizen's. */
export const NotificationPreferencesQuery = graphql(
  `
    query NotificationPreferences {
      notificationTopics {
        id
        code
        name
        description
        isCrisis
      }
      notificationAreas {
        id
        kind
        name
        parentId
      }
      myNotificationPreferences {
        ...PreferencesFields
      }
    }
  `,
  [PreferencesFields],
);

export const WebPushPublicKeyQuery = graphql(`
  query WebPushPublicKey {
    webPushPublicKey
  }
`);

export const ConsentHistoryQuery = graphql(`
  query ConsentHistory {
    myConsentHistory(first: 50) {
      channel
      granted
      topicName
      areaName
      messageKind
      source
      createdAt
    }
  }
`);

export const SetNotificationPreferencesMutation = graphql(
  `
    mutation SetNotificationPreferences($input: NotificationPreferencesInput!) {
      setNotificationPreferences(input: $input) {
        __typename
        ... on SetNotificationPreferencesSuccess {
          preferences {
            ...PreferencesFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [PreferencesFields, ErrorFields],
);

export const SetOfficialDeliveryMutation = graphql(
  `
    mutation SetOfficialDelivery($method: OfficialDeliveryMethod!, $address: String) {
      setOfficialDelivery(method: $method, address: $address) {
        __typename
        ... on SetOfficialDeliverySuccess {
          preferences {
            ...PreferencesFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [PreferencesFields, ErrorFields],
);

export const RegisterPushSubscriptionMutation = graphql(
  `
    mutation RegisterPushSubscription($input: PushSubscriptionInput!) {
      registerPushSubscription(input: $input) {
        __typename
        ... on RegisterPushSubscriptionSuccess {
          preferences {
            ...PreferencesFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [PreferencesFields, ErrorFields],
);

export const RemovePushSubscriptionMutation = graphql(
  `
    mutation RemovePushSubscription($endpoint: String, $id: ID) {
      removePushSubscription(endpoint: $endpoint, id: $id) {
        __typename
        ... on RemovePushSubscriptionSuccess {
          preferences {
            ...PreferencesFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [PreferencesFields, ErrorFields],
);

export const StartPhoneVerificationMutation = graphql(
  `
    mutation StartPhoneVerification($phone: String!) {
      startPhoneVerification(phone: $phone) {
        __typename
        ... on StartPhoneVerificationSuccess {
          verification {
            phone
            expiresAt
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);

export const ConfirmPhoneVerificationMutation = graphql(
  `
    mutation ConfirmPhoneVerification($code: String!) {
      confirmPhoneVerification(code: $code) {
        __typename
        ... on ConfirmPhoneVerificationSuccess {
          preferences {
            ...PreferencesFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [PreferencesFields, ErrorFields],
);

export const RemoveSmsPhoneMutation = graphql(
  `
    mutation RemoveSmsPhone {
      removeSmsPhone {
        __typename
        ... on RemoveSmsPhoneSuccess {
          preferences {
            ...PreferencesFields
          }
        }
        ...ErrorFields
      }
    }
  `,
  [PreferencesFields, ErrorFields],
);
