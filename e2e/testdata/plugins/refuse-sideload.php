<?php
/*
 * Refuses every sideload (/wp/v2/media/ID/sideload) with a 500, as a full
 * disk or a security plugin might: wpsync must still end up with the
 * picture uploaded (e2e/sideload_test.go).
 */
add_filter('rest_pre_dispatch', function ($result, $server, $request) {
	if ($request->get_method() === 'POST' && str_ends_with($request->get_route(), '/sideload')) {
		return new WP_Error('wpsync_test_refused', 'sideloads are refused on this test site', ['status' => 500]);
	}
	return $result;
}, 10, 3);
