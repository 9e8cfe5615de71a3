const express = require('express');
const controller = require('../controllers/users');
const router = express.Router();

router.get('/', controller.list);
router.post('/', controller.create);
router
  .route('/:userId')
  .get(controller.show)
  .put(controller.update)
  .delete(controller.remove);

module.exports = router;
