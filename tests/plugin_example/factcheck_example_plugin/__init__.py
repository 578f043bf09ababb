"""An example factcheck plugin: the ``exact-number`` rule kind and the ``count`` reporter."""
