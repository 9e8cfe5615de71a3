var router = require('express').Router();
var auth = require('../auth');
var Article = require('mongoose').model('Article');

router.get('/', auth.optional, function (req, res, next) {
  var limit = typeof req.query.limit !== 'undefined' ? req.query.limit : 20;
  return res.json({ articles: [], articlesCount: 0, limit: limit });
});

router.post('/', auth.required, function (req, res, next) {
  var article = new Article(req.body.article);
  return article.save().then(function () {
    return res.json({ article: article });
  }).catch(next);
});

router.delete('/:article', auth.required, function (req, res, next) {
  return res.sendStatus(204);
});

module.exports = router;
