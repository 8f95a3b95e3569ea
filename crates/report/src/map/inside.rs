//! Point in polygon by the even–odd rule, on (lat, lon) degrees taken as plane coordinates.
//!
//! The rule is the one the map's SVG paths are filled with (`fill-rule="evenodd"`), so what is
//! kept is what is drawn inside: a point is inside when a ray from it crosses the rings' edges an
//! odd number of times. Holes need no special case (a point in a hole crosses its exterior and
//! its hole), nor do the parts of a MultiPolygon given as one list of rings, as long as the parts
//! do not overlap (valid GeoJSON). Edges are straight in degrees, as they are drawn; outlines
//! crossing the antimeridian are not handled.

/// True when `p` (lat, lon) lies inside `rings` (each a list of (lat, lon) vertices, closed or
/// not: the last vertex joins the first) by the even–odd rule.
///
/// A point exactly on an edge or a vertex (as floating point computes it: the cross product is
/// zero and the point is within the edge's box) counts as inside, whether the edge belongs to an
/// exterior ring or a hole, so a firm on a shared border shows on both territories' maps and the
/// answer does not depend on the rings' orientation. Points that are not finite, and rings of
/// fewer than three vertices, are never inside.
pub(crate) fn inside(rings: &[Vec<(f64, f64)>], p: (f64, f64)) -> bool {
    let (y, x) = p;
    if !(y.is_finite() && x.is_finite()) {
        return false;
    }
    let mut odd = false;
    for ring in rings.iter().filter(|r| r.len() >= 3) {
        let mut prev = ring[ring.len() - 1];
        for &cur in ring {
            let ((y0, x0), (y1, x1)) = (prev, cur);
            prev = cur;
            let cross = (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0);
            if cross == 0.0
                && x >= x0.min(x1)
                && x <= x0.max(x1)
                && y >= y0.min(y1)
                && y <= y0.max(y1)
            {
                return true;
            }
            // Half-open in latitude, so a ray through a vertex counts it once.
            if (y0 > y) != (y1 > y) {
                let xi = x0 + (y - y0) * (x1 - x0) / (y1 - y0);
                if x < xi {
                    odd = !odd;
                }
            }
        }
    }
    odd
}

/// True when an edge of `ring` (closed as in [`inside`]) meets an edge of `rings`, touching
/// included: with the vertex tests, this decides whether two shapes overlap at all (two bars
/// laid in a cross have no vertex inside each other, only crossing edges).
pub(crate) fn edges_meet(rings: &[Vec<(f64, f64)>], ring: &[(f64, f64)]) -> bool {
    let edges = |r: &[(f64, f64)]| -> Vec<((f64, f64), (f64, f64))> {
        if r.len() < 2 {
            return Vec::new();
        }
        (0..r.len())
            .map(|i| (r[(i + r.len() - 1) % r.len()], r[i]))
            .collect()
    };
    let ours = edges(ring);
    rings
        .iter()
        .flat_map(|r| edges(r))
        .any(|e| ours.iter().any(|&o| segments_meet(e, o)))
}

/// The sign of the turn p → q → r: positive left, negative right, zero straight.
fn turn(p: (f64, f64), q: (f64, f64), r: (f64, f64)) -> f64 {
    (q.1 - p.1) * (r.0 - p.0) - (q.0 - p.0) * (r.1 - p.1)
}

/// `r`, known to be on the line through p and q, lies within their box.
fn within(p: (f64, f64), q: (f64, f64), r: (f64, f64)) -> bool {
    r.0 >= p.0.min(q.0) && r.0 <= p.0.max(q.0) && r.1 >= p.1.min(q.1) && r.1 <= p.1.max(q.1)
}

fn segments_meet(a: ((f64, f64), (f64, f64)), b: ((f64, f64), (f64, f64))) -> bool {
    let (d1, d2) = (turn(b.0, b.1, a.0), turn(b.0, b.1, a.1));
    let (d3, d4) = (turn(a.0, a.1, b.0), turn(a.0, a.1, b.1));
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        return true;
    }
    (d1 == 0.0 && within(b.0, b.1, a.0))
        || (d2 == 0.0 && within(b.0, b.1, a.1))
        || (d3 == 0.0 && within(a.0, a.1, b.0))
        || (d4 == 0.0 && within(a.0, a.1, b.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_edges_meet_and_apart_ones_do_not() {
        // A horizontal bar and a vertical bar laid in a cross: no vertex of either inside the
        // other, four pairs of crossing edges.
        let bar = vec![(4.0, 0.0), (4.0, 10.0), (6.0, 10.0), (6.0, 0.0)];
        let post = vec![(0.0, 4.0), (0.0, 6.0), (10.0, 6.0), (10.0, 4.0)];
        assert!(post.iter().all(|&p| !inside(std::slice::from_ref(&bar), p)));
        assert!(bar.iter().all(|&p| !inside(std::slice::from_ref(&post), p)));
        assert!(edges_meet(std::slice::from_ref(&bar), &post));
        // Touching at one vertex counts; a shape beside it does not.
        let corner = vec![(6.0, 10.0), (7.0, 11.0), (6.0, 12.0)];
        assert!(edges_meet(std::slice::from_ref(&bar), &corner));
        let apart = vec![(20.0, 20.0), (20.0, 21.0), (21.0, 21.0)];
        assert!(!edges_meet(std::slice::from_ref(&bar), &apart));
        // Collinear edges that overlap meet; collinear ones that do not, do not.
        let on_edge = vec![(4.0, 2.0), (4.0, 3.0), (3.0, 3.0)];
        assert!(edges_meet(std::slice::from_ref(&bar), &on_edge));
        let in_line = vec![(4.0, 11.0), (4.0, 12.0), (3.0, 12.0)];
        assert!(!edges_meet(std::slice::from_ref(&bar), &in_line));
    }

    /// A 10 × 10 square with a 2 × 2 hole in its middle (lat, lon), exterior closed as GeoJSON
    /// closes it, the hole open and wound the other way.
    fn square_with_hole() -> Vec<Vec<(f64, f64)>> {
        vec![
            vec![
                (0.0, 0.0),
                (0.0, 10.0),
                (10.0, 10.0),
                (10.0, 0.0),
                (0.0, 0.0),
            ],
            vec![(4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0)],
        ]
    }

    #[test]
    fn a_square_with_a_hole() {
        let r = square_with_hole();
        assert!(inside(&r, (1.0, 1.0)));
        assert!(inside(&r, (5.0, 2.0)));
        assert!(inside(&r, (9.9, 9.9)));
        assert!(!inside(&r, (5.0, 5.0)), "in the hole");
        assert!(!inside(&r, (4.5, 5.5)), "in the hole");
        assert!(!inside(&r, (-1.0, 5.0)));
        assert!(!inside(&r, (5.0, 11.0)));
        assert!(!inside(&r, (11.0, 11.0)));
        // A ray through the hole's vertices' latitude still counts right.
        assert!(inside(&r, (4.0, 2.0)) && inside(&r, (6.0, 8.0)));
    }

    #[test]
    fn points_on_edges_and_vertices_are_inside() {
        let r = square_with_hole();
        // Exterior: edge, vertex.
        assert!(inside(&r, (0.0, 5.0)));
        assert!(inside(&r, (10.0, 3.0)));
        assert!(inside(&r, (5.0, 0.0)));
        assert!(inside(&r, (10.0, 10.0)));
        assert!(inside(&r, (0.0, 0.0)));
        // The hole's edge and vertex are the polygon's boundary too.
        assert!(inside(&r, (4.0, 5.0)));
        assert!(inside(&r, (6.0, 6.0)));
        // The same with the rings wound the other way.
        let rev: Vec<Vec<(f64, f64)>> = r
            .iter()
            .map(|ring| ring.iter().rev().copied().collect())
            .collect();
        assert!(inside(&rev, (0.0, 5.0)) && inside(&rev, (4.0, 5.0)));
        assert!(!inside(&rev, (5.0, 5.0)) && inside(&rev, (1.0, 1.0)));
        // On the line of an edge but beyond it: outside.
        assert!(!inside(&r, (0.0, 12.0)));
    }

    #[test]
    fn a_concave_polygon() {
        // A "U" open to the north: the notch lat 4..10, lon 3..7 is outside, though it is inside
        // the box around the polygon.
        let u = vec![vec![
            (0.0, 0.0),
            (0.0, 10.0),
            (10.0, 10.0),
            (10.0, 7.0),
            (4.0, 7.0),
            (4.0, 3.0),
            (10.0, 3.0),
            (10.0, 0.0),
        ]];
        assert!(!inside(&u, (8.0, 5.0)), "in the notch");
        assert!(!inside(&u, (4.5, 5.0)), "in the notch");
        assert!(inside(&u, (2.0, 5.0)), "the bottom of the U");
        assert!(inside(&u, (8.0, 1.5)) && inside(&u, (8.0, 8.5)), "the arms");
        // The ray from (4.0, 1.0) runs along the notch's bottom edge: counted once, so inside.
        assert!(inside(&u, (4.0, 1.0)));
        assert!(inside(&u, (4.0, 5.0)), "on the notch's edge");
        assert!(!inside(&u, (10.5, 5.0)));
    }

    #[test]
    fn a_multipolygon_as_one_list_of_rings() {
        // Two squares apart, the second with a hole: one list, as outlines_from_geojson reads a
        // MultiPolygon.
        let m = vec![
            vec![(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)],
            vec![(5.0, 5.0), (5.0, 9.0), (9.0, 9.0), (9.0, 5.0)],
            vec![(6.0, 6.0), (6.0, 8.0), (8.0, 8.0), (8.0, 6.0)],
        ];
        assert!(inside(&m, (0.5, 0.5)));
        assert!(inside(&m, (5.5, 5.5)));
        assert!(!inside(&m, (7.0, 7.0)), "in the second part's hole");
        assert!(!inside(&m, (3.0, 3.0)), "between the parts");
        assert!(!inside(&m, (0.5, 7.0)), "east of the first part");
    }

    #[test]
    fn degenerate_input_is_never_inside() {
        assert!(!inside(&[], (0.0, 0.0)));
        assert!(!inside(&[vec![(0.0, 0.0), (1.0, 1.0)]], (0.5, 0.5)));
        let r = square_with_hole();
        assert!(!inside(&r, (f64::NAN, 1.0)));
        assert!(!inside(&r, (1.0, f64::INFINITY)));
    }
}
