<?php
/*
 * An old plugin on a host with display_errors on: a PHP warning printed while a
 * post is saved, so the JSON of every write starts with HTML. Must-use plugin
 * of a test site of its own (the case's copy limited itself to its test sites
 * by their database names).
 */
add_action('save_post', function ($id, $post) {
  if ($post->post_type === 'revision') return;
  echo "<br />\n<b>Warning</b>:  Undefined array key \"seo_title\" in <b>/var/www/wp-content/plugins/old-seo/old-seo.php</b> on line <b>77</b><br />\n";
}, 10, 2);
