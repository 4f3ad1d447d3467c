import type { BackroomScreen } from '../registry';
import { PlacesScreen } from './PlacesScreen';

/** Stores and tills (store IT): admins only. */
export const placesScreen: BackroomScreen = { id: 'places', title: 'places.menu', adminOnly: true, render: (props) => <PlacesScreen {...props} /> };
