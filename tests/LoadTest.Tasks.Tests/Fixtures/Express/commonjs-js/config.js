module.exports = {
  port: process.env.PORT || 8080,
  apiPrefix: process.env.API_PREFIX || '/v1',
};
