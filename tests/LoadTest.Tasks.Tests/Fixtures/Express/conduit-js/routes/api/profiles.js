var router = require('express').Router();
var auth = require('../auth');

router.get('/:username', auth.optional, function (req, res, next) {
  return res.json({ profile: { username: req.params.username } });
});

router.post('/:username/follow', auth.required, function (req, res, next) {
  return res.json({ profile: { username: req.params.username, following: true } });
});

module.exports = router;
