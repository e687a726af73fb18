"""Style and locale lookup, and blogbib's own default style."""

from __future__ import annotations

import pytest
from lxml import etree

from blogbib import BlogbibError
from blogbib.model import Date, Name, Reference
from blogbib.render import cite, list_styles, render
from blogbib.render.styles import DEFAULT_STYLE, project_styles, resolve_style

POST = Reference(id="razin2022implicit", title="Implicit Regularization in Hierarchical Tensor Factorization",
                 author=(Name(family="Razin", given="Noam"),), issued=Date(2022, 7, 15),
                 container_title="Off the Convex Path", url="http://www.offconvex.org/2022/07/15/imp-reg-htf-cnn/")


def test_default_style_is_the_projects_reading_list_style():
    assert DEFAULT_STYLE in project_styles()
    assert list_styles()[0] == DEFAULT_STYLE
    assert render([POST]) == (
        "Razin, Noam. 15 July 2022. “Implicit Regularization in Hierarchical Tensor Factorization.” "
        "Off the Convex Path. http://www.offconvex.org/2022/07/15/imp-reg-htf-cnn/.\n"
    )
    assert render([POST], format="markdown").count("*Off the Convex Path*") == 1
    assert cite([POST]) == ["(Razin 2022)"]


def test_default_style_is_valid_csl_1_0():
    import citeproc  # the schema citeproc-py ships (CSL 1.0.2)

    schema = etree.RelaxNG(etree.parse(citeproc.SCHEMA_PATH))
    tree = etree.parse(project_styles()[DEFAULT_STYLE])
    assert schema.validate(tree), schema.error_log


def test_default_style_reading_list_features():
    undated = Reference(id="u", title="Undated", author=(Name(family="Doe", given="Jane"),),
                        accessed=Date(2024, 3, 1), container_title="Blog", url="https://example.org/u")
    group = Reference(id="g", title="By a team", author=(Name(literal="Google Research"),), issued=Date(2020),
                      container_title="Blog")
    many = Reference(id="m", title="Many", issued=Date(2021, 2), container_title="Blog",
                     author=tuple(Name(family=f, given="A") for f in ("Ab", "Cd", "Ef", "Gh", "Ij")))
    lines = render([undated, group, many]).splitlines()
    assert lines == [
        "Ab, A, A Cd, A Ef, et al. February 2021. “Many.” Blog.",  # et-al-min 5, use-first 3
        "Doe, Jane. n.d. “Undated.” Blog, accessed 1 March 2024. https://example.org/u.",
        "Google Research. 2020. “By a team.” Blog.",
    ]
    assert cite([undated, group, many]) == ["(Doe n.d.)", "(Google Research 2020)", "(Ab et al. 2021)"]


def test_style_lookup_by_path_name_and_dependent(tmp_path):
    path = project_styles()[DEFAULT_STYLE]
    assert resolve_style(path).path == path
    assert resolve_style("apa").path.endswith("apa.csl")
    dependent = resolve_style("ieee-access")
    assert dependent.parent == "ieee" and dependent.path.endswith("ieee.csl")
    assert "modern-language-association" in list_styles("language-assoc")
    assert all("vancouver" in s for s in list_styles("Vancouver"))


@pytest.mark.parametrize("name, hint", [("apaa", "apa"), ("chicago-author-dat", "chicago-author-date"),
                                        ("iee", "ieee")])
def test_unknown_style_suggests_close_matches(name, hint):
    with pytest.raises(BlogbibError) as err:
        render([POST], name)
    assert f"unknown style {name!r}" in str(err.value) and hint in str(err.value)


def test_unknown_locale_suggests_close_matches():
    with pytest.raises(BlogbibError) as err:
        render([POST], "apa", locale="de-DX")
    assert "unknown locale 'de-DX'" in str(err.value) and "de-DE" in str(err.value)
    with pytest.raises(BlogbibError, match="no such style file"):
        render([POST], "/nonexistent/x.csl")


def test_unknown_format_is_an_error():
    with pytest.raises(BlogbibError, match="unknown output format"):
        render([POST], "apa", format="pdf")


def test_broken_style_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csl"
    bad.write_text("<style", encoding="utf-8")
    with pytest.raises(BlogbibError, match="bad.csl"):
        render([POST], str(bad))
