"""The state of a run that matching and follow-up share: requests as cases, ambassadors as a pool, the proposals."""

from orientest.board.pool import Member
from orientest.board.reading import Basins, prepare
from orientest.board.state import Board, Case, Roster

__all__ = ["Basins", "Board", "Case", "Member", "Roster", "prepare"]
