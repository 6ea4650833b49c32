"""What people submitted through the forms that answer orientest's e-mails (`Réponses`, `Retours`, `Mises à jour`),
read once into typed records, and the cells that mark each one processed: the only place that knows those columns."""
