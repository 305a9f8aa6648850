// Orderflow's welcome page: Camunda offers the apps a user's group may open; these links go beside them.
export default {
  links: [
    {
      label: 'Order console',
      href: '/console',
      description: 'Look orders up, see them whole, cancel, return, reship or appease items'
    },
    {
      label: 'API (Swagger UI)',
      href: '/swagger-ui.html',
      description: 'The REST API of Orderflow, to try with an API key or your user'
    }
  ],
  disableWelcomeMessage: false
};
