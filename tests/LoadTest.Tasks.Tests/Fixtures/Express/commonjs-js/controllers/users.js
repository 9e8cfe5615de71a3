exports.list = (req, res) => {
  const { role } = req.query;
  res.json([]);
};

exports.create = (req, res) => {
  const { name, email } = req.body;
  res.status(201).json({ name, email });
};

exports.show = function (req, res) {
  if (req.header('X-Tenant') === undefined) {
    return res.status(404).end();
  }
  res.json({});
};

exports.update = (req, res) => res.json(req.body.name);
exports.remove = (req, res) => res.sendStatus(204);
