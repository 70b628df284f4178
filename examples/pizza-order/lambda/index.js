const Alexa = require('ask-sdk-core');
const { DynamoDbPersistenceAdapter } = require('ask-sdk-dynamodb-persistence-adapter');
const { subscribeCustomer } = require('./crm');

const LaunchRequestHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'LaunchRequest';
  },
  handle(handlerInput) {
    const speakOutput = 'Welcome to Corner Pizza. What would you like to order?';
    return handlerInput.responseBuilder.speak(speakOutput).reprompt(speakOutput).getResponse();
  },
};

const SetPhoneIntentHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'SetPhoneIntent';
  },
  async handle(handlerInput) {
    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    const userId = Alexa.getUserId(handlerInput.requestEnvelope);
    console.log(`Saving phone ${phone} for ${userId}`);

    const attributes = await handlerInput.attributesManager.getPersistentAttributes();
    attributes.phone = phone;
    handlerInput.attributesManager.setPersistentAttributes(attributes);
    await handlerInput.attributesManager.savePersistentAttributes();

    await subscribeCustomer(userId, phone);
    return handlerInput.responseBuilder.speak('Thanks, we will call you when your pizza is on its way.').getResponse();
  },
};

const ReceiptIntentHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'ReceiptIntent';
  },
  async handle(handlerInput) {
    const upsClient = handlerInput.serviceClientFactory.getUpsServiceClient();
    const email = await upsClient.getProfileEmail();
    return handlerInput.responseBuilder.speak(`I sent the receipt to ${email}.`).getResponse();
  },
};

const OrderPizzaIntentHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'OrderPizzaIntent';
  },
  handle(handlerInput) {
    const pizza = Alexa.getSlotValue(handlerInput.requestEnvelope, 'pizza');
    return handlerInput.responseBuilder
      .speak(`One ${pizza} coming up. What is your phone number?`)
      .reprompt('Please tell me your phone number.')
      .getResponse();
  },
};

const ErrorHandler = {
  canHandle() {
    return true;
  },
  handle(handlerInput, error) {
    console.log('Error handling request: ' + JSON.stringify(handlerInput.requestEnvelope));
    console.log(error.message);
    return handlerInput.responseBuilder.speak('Sorry, something went wrong.').getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(LaunchRequestHandler, SetPhoneIntentHandler, ReceiptIntentHandler, OrderPizzaIntentHandler)
  .addErrorHandlers(ErrorHandler)
  .withPersistenceAdapter(new DynamoDbPersistenceAdapter({ tableName: 'corner-pizza-users', createTable: true }))
  .withApiClient(new Alexa.DefaultApiClient())
  .lambda();
