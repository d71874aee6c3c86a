"""A path with a NUL character is a 404 on every database (PostgreSQL refuses NUL in text:
routing and redirects looked it up and answered 500)."""

import pytest


@pytest.mark.parametrize("path", ["/%00/", "/es/%00/%F0%9F%99%82/", "/star-procedure/%00"])
def test_a_path_with_a_nul_character_is_not_found(client, home, path):
    response = client.get(path)
    assert response.status_code == 404
    assert client.get("/").status_code == 200
