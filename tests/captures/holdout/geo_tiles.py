# Holdout: a dataclass defined inside a function, instances returned through Pool.map (local-object).
import dataclasses
import multiprocessing


def build_tiles(zoom):
    @dataclasses.dataclass
    class Tile:
        x: int
        y: int
        z: int

    return [Tile(x, y, zoom) for x in range(2) for y in range(2)]


def area(tile):
    return tile.x * tile.y


if __name__ == "__main__":
    tiles = build_tiles(12)
    with multiprocessing.Pool(2) as pool:
        print(pool.map(area, tiles))
